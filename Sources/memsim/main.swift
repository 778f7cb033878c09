import MemsimCLI

// The `memsim` command; a program that adds policies of its own registers them, then calls this.
MemsimCommand.main()

import Adapters
import AgentMemory
import Bandits
import ContextReaders
import KVEviction
import Paging
import Replay
import Sessions
import SharedContext
import SimCore

/// The one table of models: a spec's `model` names one of these.
public enum ModelRegistry {
    public static let models: [any Model.Type] = [
        PagingModel.self,
        SessionsModel.self,
        ContextReaderModel.self,
        SharedContextModel.self,
        AdaptersModel.self,
        StreamingBanditModel.self,
        BanditModel.self,
        ReplayModel.self,
        KVEvictionModel.self,
        AgentMemoryModel.self,
    ]

    public static var kinds: [String] { models.map { $0.kind } }

    public static func model(kind: String) -> (any Model.Type)? {
        models.first { $0.kind == kind }
    }
}

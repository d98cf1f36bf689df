import Synapse

/// The data a command about a saved model works on: `choice` when the user
/// gave `--dataset`, else the data the model records it was trained on, else
/// MNIST (a model saved without a record).
func loadDataset(_ choice: DatasetChoice?, orTheDataOf model: Model) throws -> IdentifiedDataset {
    try loadDataset(choice ?? model.metadata.dataset.map(DatasetChoice.init(record:)) ?? .mnist)
}

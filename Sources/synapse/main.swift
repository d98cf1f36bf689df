import Synapse
print("synapse \(Synapse.version)")

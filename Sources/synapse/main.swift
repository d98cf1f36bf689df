import SynapseCLI

SynapseCommand.main()

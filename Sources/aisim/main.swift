// aisim's entry point: the commands live in AISimCLI, so that tests and the flag fuzzer reach
// the same parser.
import AISimCLI

AISim.main()

import AISimCore
import Foundation

extension Explanation {
    /// The post's lower bound in numbers, from the model itself: at the post's point, a
    /// training run on 1% of the world's compute that then runs on the 25% deployment share
    /// gives P ∝ R / N with R = 25% of W and N ∝ √(1% of W): (0.25 / 0.01) / √(0.25 / 0.01) =
    /// √25 = 5 times the tokens/s of the post's own point.
    var lowerBoundNote: String {
        let post = Input.allCases.map(\.spec.postValue)
        var small = post
        small[Input.aiShare.rawValue] = 0.01
        small[Input.deployShare.rawValue] = 0.25
        let base = Model.evaluate(point: post)[Output.parallelTokensPerS.rawValue]
        let outputs = Model.evaluate(point: small, configuration: Model.Configuration(deployment: true))
        let bound = outputs[Output.parallelTokensPerS.rawValue]
        let ratio = String(format: "%.3g", bound / base)
        return """
            the lower bound: a smaller training run leaves compute to run more copies. At the post's point, a run \
            trained on 1% of the world's compute (ai_share = 0.01) and then run on the 25% deployment share \
            (deploy_share = 0.25) gives R = max(F, deploy_share × W) = \(number(outputs[Output.runFlops.rawValue])) \
            FLOP/s and P = \(number(bound)) tokens/s, \(ratio)× the post's point: P grows as R / N, and N only \
            as the square root of the training compute. The bound is the minimum over training runs, taken \
            where training uses the whole deployment share; see distributions/post-lower-bound.toml.
            """
    }
}

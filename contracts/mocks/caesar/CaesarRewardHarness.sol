// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CaesarRewardMath} from "../../caesar/agents/CaesarRewardMath.sol";

/// @notice Exposes CaesarRewardMath for the differential test against sdk/caesar/core/rewards.ts.
contract CaesarRewardHarness {
    function efficiencyBps(uint256 hops, uint256 hopPenaltyBps) external pure returns (uint256) {
        return CaesarRewardMath.efficiencyBps(hops, hopPenaltyBps);
    }

    function points(uint256 fee, uint256 demurrage, uint256 effBps) external pure returns (uint256) {
        return CaesarRewardMath.points(fee, demurrage, effBps);
    }

    function reward(uint256 pot, uint256 weighted, uint256 totalWeighted) external pure returns (uint256) {
        return CaesarRewardMath.reward(pot, weighted, totalWeighted);
    }

    function legs(
        uint256 amount,
        uint256 agentsBps,
        uint256 treasuryBps,
        uint256 infraBps
    ) external pure returns (uint256, uint256, uint256, uint256) {
        return CaesarRewardMath.legs(amount, agentsBps, treasuryBps, infraBps);
    }

    function regionalPoints(uint256 points, uint256 regionalBps) external pure returns (uint256) {
        return CaesarRewardMath.regionalPoints(points, regionalBps);
    }
}

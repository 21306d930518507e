// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FeeSplit} from "../../fees/FeeSplit.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title CaesarRewardMath
/// @notice The processing agents' points and the epoch reward, mirrored bigint-exact by `sdk/caesar/core/rewards.ts`
/// (differential test: test/caesar/rewards.diff.test.ts).
/// @dev Points of one relayed transfer: `(fee + demurrage) * efficiencyBps`, kept unscaled (no division, so no
/// rounding): the wei it added to the accrual (the fee and the rounding wei of its base-unit conversions), times
/// the efficiency, `10,000 - hops * hopPenaltyBps` floored at 0. No flat points per transfer: they would pay an
/// agent for dust it relays between its own addresses at no fee (a 1-wei payment's fee is capped to 0), or, at the
/// minimum fee, more than the fee it paid. With points in proportion to what a transfer paid, an agent relaying its
/// own payments gets back at most the agents' share (70%) of its own fees, whoever else relays.
/// Weighted points of an agent in an epoch: points x accuracy (bps, set by the reporter; 10,000 until reported).
/// Reward: `pot * weighted / totalWeighted`, rounded down. Normalised: the rewards of an epoch sum to at most the
/// pot (each term is a floor of a fraction of it, the fractions sum to 1), short by less than one wei per rewarded
/// agent; that dust goes to the stability reserve. Unlike the seed's formula, no bonus is added on top of the
/// share, so nothing can pay more than the 70% leg collected.
library CaesarRewardMath {
    /// @notice Efficiency of a transfer relayed `hops` region hops away from its payer (bps of 1.0).
    function efficiencyBps(uint256 hops, uint256 hopPenaltyBps) internal pure returns (uint256) {
        uint256 cut = hops * hopPenaltyBps;
        return cut >= BPS ? 0 : BPS - cut;
    }

    /// @notice Points of one relayed transfer.
    function points(uint256 fee, uint256 demurrage, uint256 effBps) internal pure returns (uint256) {
        return (fee + demurrage) * effBps;
    }

    /// @notice Points weighted by the regional modifier of the payer's region seen from the agent's (bps of 1.0,
    /// 5,000..20,000), rounded down: `points x regionalBps / 10,000` (exactly `points` at the neutral 10,000).
    function regionalPoints(uint256 points_, uint256 regionalBps) internal pure returns (uint256) {
        return (points_ * regionalBps) / BPS;
    }

    /// @notice An agent's reward out of an epoch's pot (floor); 0 when nothing is weighted.
    function reward(uint256 pot, uint256 weighted, uint256 totalWeighted) internal pure returns (uint256) {
        if (totalWeighted == 0) return 0;
        return Math.mulDiv(pot, weighted, totalWeighted, Math.Rounding.Floor);
    }

    /// @notice The distributor's legs of `amount`: agents, treasury, infrastructure by their bps (rounded down, the
    /// kit FeeSplit), the stability reserve the remainder (and the dust).
    function legs(
        uint256 amount,
        uint256 agentsBps,
        uint256 treasuryBps,
        uint256 infraBps
    ) internal pure returns (uint256 agents, uint256 treasury, uint256 infra, uint256 reserve) {
        return FeeSplit.split4(amount, agentsBps, treasuryBps, infraBps);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketMath} from "../../quiver/market/MarketMath.sol";
import {IDisputeManager} from "../../quiver/disputes/IDisputeManager.sol";

/// @notice Test-only: exposes MarketMath for the SDK differential suite.
contract MarketMathHarness {
    function splitPayment(
        uint256 price,
        uint256 networkFeeBps,
        uint256 treasuryFeeBps,
        uint256 burnBps
    ) external pure returns (uint256, uint256, uint256, uint256) {
        return MarketMath.splitPayment(price, networkFeeBps, treasuryFeeBps, burnBps);
    }

    function splitBond(
        uint256 bond,
        uint256 burnBps,
        uint256 voterBps
    ) external pure returns (uint256, uint256, uint256) {
        return MarketMath.splitBond(bond, burnBps, voterBps);
    }

    function quorumFor(uint256 activeValidators, uint256 quorumBps) external pure returns (uint256) {
        return MarketMath.quorumFor(activeValidators, quorumBps);
    }

    function tally(
        uint256 upVotes,
        uint256 downVotes,
        uint256 quorum,
        uint256 majorityBps
    ) external pure returns (IDisputeManager.Outcome) {
        return MarketMath.tally(upVotes, downVotes, quorum, majorityBps);
    }

    function penaltyUp(uint256 stake, uint256 penaltyBps) external pure returns (uint256) {
        return MarketMath.penaltyUp(stake, penaltyBps);
    }

    function permutation(uint256 seed, uint256 n) external pure returns (uint256 start, uint256 step) {
        return MarketMath.permutation(seed, n);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EmissionMath} from "../../quiver/emission/EmissionMath.sol";
import {SharesMath} from "../../staking/libraries/SharesMath.sol";
import {TierMath} from "../../staking/libraries/TierMath.sol";

/// @title StakingMathHarness
/// @notice Test-only: exposes EmissionMath, SharesMath and TierMath for the SDK differential tests.
contract StakingMathHarness {
    uint256[4] private _mins;
    uint256 private _demotionBps;

    function epochEmission(
        uint256 base,
        uint256 epoch,
        uint256 epochLength,
        uint256 halvingInterval,
        uint256 metricBps,
        uint256 yearLeft,
        uint256 capLeft
    ) external pure returns (uint256) {
        return EmissionMath.epochEmission(base, epoch, epochLength, halvingInterval, metricBps, yearLeft, capLeft);
    }

    function yearBudget(uint256 supply, uint256 bps) external pure returns (uint256) {
        return EmissionMath.yearBudget(supply, bps);
    }

    function epochAt(uint256 timestamp, uint256 start, uint256 epochLength) external pure returns (uint256) {
        return EmissionMath.epochAt(timestamp, start, epochLength);
    }

    function toSharesDown(uint256 tokens, uint256 totalTokens, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toSharesDown(tokens, totalTokens, totalShares);
    }

    function toSharesUp(uint256 tokens, uint256 totalTokens, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toSharesUp(tokens, totalTokens, totalShares);
    }

    function toTokensDown(uint256 shares, uint256 totalTokens, uint256 totalShares) external pure returns (uint256) {
        return SharesMath.toTokensDown(shares, totalTokens, totalShares);
    }

    /// @notice TierMath.tierAfter over the given minimums.
    /// @dev Stores its inputs first (call it with `staticCall`), so TierMath reads them through the same kind of
    /// function pointers as a staking contract.
    function tierAfter(
        uint256 stake,
        uint8 current,
        uint256[4] calldata mins,
        uint256 demotionBps
    ) external returns (uint8) {
        _mins = mins;
        _demotionBps = demotionBps;
        return TierMath.tierAfter(stake, current, _minOf, _demotionOf);
    }

    function _minOf(uint8 tier) internal view returns (uint256) {
        return _mins[tier - 1];
    }

    function _demotionOf() internal view returns (uint256) {
        return _demotionBps;
    }
}

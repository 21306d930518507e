// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title TierMath
/// @notice Provider tiers with hysteresis: promotion at a tier minimum, demotion only below a lower threshold.
/// @dev A provider holding tier `t` keeps it while `stake >= ceil(min_t * demotionBps / 10_000)`; below that it
/// falls tier by tier until the rule holds again. It then climbs one tier at a time while `stake` reaches the next
/// tier's minimum. With ascending minimums that is "the highest tier whose minimum `stake` reaches"; with minimums
/// that are not ascending (each is bounded on its own in a registry), a tier also needs every lower tier's minimum.
/// With `demotionBps = 10_000` this is the plain threshold function. O(1): at most 4 steps each way.
///
/// The minimums and the threshold are read through function pointers, only when a step needs them: a staker
/// below tier 1 costs one read (tier 1's minimum), a staker who keeps tier `t` three (min_t, the threshold,
/// min_{t+1}). The economy's contract decides where a value comes from (a registry key, a constant).
library TierMath {
    /// @dev Number of tiers above 0 (QUIVer: 1k / 10k / 50k / 250k QUIV).
    uint8 internal constant TIER_COUNT = 4;

    /// @notice The tier a provider holds after its stake became `stake`, given its previous tier.
    /// @param stake bonded stake of the pool (wei)
    /// @param current tier held before (0..4; above 4 counts as 4)
    /// @param minOf the minimum stake of tier 1..4 (wei)
    /// @param demotionBpsOf the demotion threshold as a share of a tier's minimum (bps, <= 10,000)
    /// @return tier the new tier (0..4)
    function tierAfter(
        uint256 stake,
        uint8 current,
        function(uint8) internal view returns (uint256) minOf,
        function() internal view returns (uint256) demotionBpsOf
    ) internal view returns (uint8 tier) {
        tier = current > TIER_COUNT ? TIER_COUNT : current;
        if (tier > 0) {
            uint256 demotionBps = demotionBpsOf();
            while (tier > 0 && stake < Math.mulDiv(minOf(tier), demotionBps, BPS, Math.Rounding.Ceil)) {
                --tier;
            }
        }
        while (tier < TIER_COUNT && stake >= minOf(tier + 1)) {
            ++tier;
        }
    }
}

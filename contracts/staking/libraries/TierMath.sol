// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title TierMath
/// @notice Provider tiers with hysteresis: promotion at a tier minimum, demotion only below a lower threshold.
/// @dev A provider holding tier `t` keeps it while `stake >= ceil(min_t * demotionBps / 10_000)`; below that it
/// falls tier by tier until the rule holds again. It is promoted to the highest tier whose minimum `stake`
/// reaches. With `demotionBps = 10_000` this is the plain threshold function. O(1): at most 4 steps each way.
library TierMath {
    /// @dev Number of tiers above 0 (QUIVer: 1k / 10k / 50k / 250k QUIV).
    uint8 internal constant TIER_COUNT = 4;

    /// @notice The tier a provider holds after its stake became `stake`, given its previous tier.
    /// @param stake bonded stake of the pool (wei)
    /// @param current tier held before (0..4)
    /// @param mins tier minimums in wei, ascending (tier 1..4)
    /// @param demotionBps demotion threshold as a share of a tier's minimum (bps, <= 10,000)
    /// @return tier the new tier (0..4)
    function tierAfter(
        uint256 stake,
        uint8 current,
        uint256[4] memory mins,
        uint256 demotionBps
    ) internal pure returns (uint8 tier) {
        tier = current > TIER_COUNT ? TIER_COUNT : current;
        while (tier > 0 && stake < Math.mulDiv(mins[tier - 1], demotionBps, BPS, Math.Rounding.Ceil)) {
            --tier;
        }
        for (uint8 t = TIER_COUNT; t > tier; --t) {
            if (stake >= mins[t - 1]) return t;
        }
    }
}

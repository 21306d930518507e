// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFeeSplit} from "./IFeeSplit.sol";
import {BPS} from "../utils/Constants.sol";

/// @title FeeSplit
/// @notice The one fee splitter of the kit: divides an amount by basis-point shares that sum to 10,000.
/// @dev Rounding policy (README, "Rounding"): every leg but the last is `amount * bps / 10_000` rounded
/// down; the last leg takes the remainder, so the legs always sum to `amount` exactly and all rounding
/// dust (at most `legs - 1` wei) lands on the last leg. Callers order the legs so that the last one is
/// the party that should receive dust (the provider in the marketplace, the ecosystem fund in emission).
/// No leg other than the last is ever above its exact share; the last is above it by less than
/// `legs - 1` wei.
library FeeSplit {
    /// @notice Reverts unless `sharesBps` is non-empty and sums to exactly 10,000.
    /// @param sharesBps shares in basis points
    function validate(uint256[] memory sharesBps) internal pure {
        if (sharesBps.length == 0) revert IFeeSplit.FeeSplitNoLegs();
        uint256 sum;
        for (uint256 i = 0; i < sharesBps.length; ++i) {
            sum += sharesBps[i];
        }
        if (sum != BPS) revert IFeeSplit.FeeSplitSharesNotWhole(sum);
    }

    /// @notice Splits `amount` into one leg per share.
    /// @param amount the amount to split (any unit)
    /// @param sharesBps shares in basis points, summing to 10,000
    /// @return legs one amount per share; `sum(legs) == amount`
    function split(uint256 amount, uint256[] memory sharesBps) internal pure returns (uint256[] memory legs) {
        validate(sharesBps);
        uint256 n = sharesBps.length;
        legs = new uint256[](n);
        uint256 rest = amount;
        for (uint256 i = 0; i < n - 1; ++i) {
            uint256 leg = Math.mulDiv(amount, sharesBps[i], BPS, Math.Rounding.Floor);
            legs[i] = leg;
            // Cannot underflow: the legs so far are each <= amount * bps_i / BPS and the bps sum to <= BPS.
            unchecked {
                rest -= leg;
            }
        }
        legs[n - 1] = rest;
    }

    /// @notice Splits `amount` into one leg per share in `sharesBps` plus a last leg whose share is the
    /// remainder `10,000 - sum(sharesBps)`: the form every "the last party takes the rest" split uses.
    /// @dev Same rounding as `split` (each given leg rounded down, the last takes the remainder and the dust).
    /// Reverts `FeeSplitSharesNotWhole(sum)` if the given shares exceed 10,000 together (a registry bounds
    /// change could cause it), before any leg is computed.
    /// @param amount the amount to split (any unit)
    /// @param sharesBps shares of every leg but the last, in basis points (may be empty)
    /// @return legs `sharesBps.length + 1` amounts; `sum(legs) == amount`
    function splitWithRemainder(
        uint256 amount,
        uint256[] memory sharesBps
    ) internal pure returns (uint256[] memory legs) {
        uint256 n = sharesBps.length;
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            sum += sharesBps[i];
        }
        if (sum > BPS) revert IFeeSplit.FeeSplitSharesNotWhole(sum);
        legs = new uint256[](n + 1);
        uint256 rest = amount;
        for (uint256 i = 0; i < n; ++i) {
            uint256 leg = Math.mulDiv(amount, sharesBps[i], BPS, Math.Rounding.Floor);
            legs[i] = leg;
            // Cannot underflow: each leg is <= amount * bps_i / BPS and the bps sum to <= BPS.
            unchecked {
                rest -= leg;
            }
        }
        legs[n] = rest;
    }

    /// @notice Splits `amount` into two legs: `first` = amount * firstBps / 10,000 rounded down, `second` =
    /// the remainder. The cheap form for the common two-way case.
    /// @param amount the amount to split
    /// @param firstBps share of the first leg in basis points (<= 10,000)
    function split2(uint256 amount, uint256 firstBps) internal pure returns (uint256 first, uint256 second) {
        if (firstBps > BPS) revert IFeeSplit.FeeSplitSharesNotWhole(firstBps);
        first = Math.mulDiv(amount, firstBps, BPS, Math.Rounding.Floor);
        second = amount - first;
    }

    /// @notice Splits `amount` into four legs: three given shares rounded down and the remainder (with the dust)
    /// last; exactly `splitWithRemainder(amount, [aBps, bBps, cBps])` without the arrays. The form the economies'
    /// four-way fee splits use (market payment, PoE fee, CAESAR distribution).
    /// @dev Reverts `FeeSplitSharesNotWhole(sum)` if the three shares exceed 10,000 together.
    /// @param amount the amount to split
    /// @param aBps share of the first leg (bps)
    /// @param bBps share of the second leg (bps)
    /// @param cBps share of the third leg (bps)
    /// @return a first leg
    /// @return b second leg
    /// @return c third leg
    /// @return rest `amount - a - b - c`
    function split4(
        uint256 amount,
        uint256 aBps,
        uint256 bBps,
        uint256 cBps
    ) internal pure returns (uint256 a, uint256 b, uint256 c, uint256 rest) {
        uint256 sum = aBps + bBps + cBps;
        if (sum > BPS) revert IFeeSplit.FeeSplitSharesNotWhole(sum);
        a = Math.mulDiv(amount, aBps, BPS, Math.Rounding.Floor);
        b = Math.mulDiv(amount, bBps, BPS, Math.Rounding.Floor);
        c = Math.mulDiv(amount, cBps, BPS, Math.Rounding.Floor);
        // Cannot underflow: each leg is <= amount * bps / BPS and the three bps sum to <= BPS.
        unchecked {
            rest = amount - a - b - c;
        }
    }
}

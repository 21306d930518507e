// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FeeSplit} from "../../fees/FeeSplit.sol";
import {BPS, WAD} from "../../utils/Constants.sol";

/// @title PoeMath
/// @notice The pure math of BPCI's proof-of-economic-activity mining, mirrored bigint-exact in
/// `sdk/bpci/core/poe.ts` (differential test in test/bpci/core/poe.diff.test.ts through contracts/mocks/bpci/PoeMathHarness).
/// @dev Fixed point: WAD (1e18) for Phi, Gamma, weights, uptime, quality and the NEX-per-work cap; basis points for
/// the fee and its shares. Rounding: every step rounds down except the job fee (up: a job of positive value always
/// pays a positive fee, so no work is free) and the merged vesting end (up: a merge never vests an amount sooner
/// than its own line would).
library PoeMath {
    /// @notice Inputs of the PoE index of one epoch (all 18 decimals).
    /// @param volume NEX-equivalent value of the fee-paying jobs confirmed in the epoch (on chain)
    /// @param liquidity liquidity feed value
    /// @param uptime uptime feed value in [0, 1e18]
    /// @param quality quality feed value in [0, 1e18]
    struct PhiInputs {
        uint256 volume;
        uint256 liquidity;
        uint256 uptime;
        uint256 quality;
    }

    /// @notice Weights (WAD) and scales (18 decimals, non-zero) of the PoE index.
    struct PhiParams {
        uint256 wV;
        uint256 wL;
        uint256 wU;
        uint256 wQ;
        uint256 scaleV;
        uint256 scaleL;
    }

    /// @notice Phi = wV x volume / scaleV + wL x liquidity / scaleL + wU x uptime + wQ x quality (WAD, each term floored).
    function phi(PhiInputs memory x, PhiParams memory p) internal pure returns (uint256) {
        return
            Math.mulDiv(p.wV, x.volume, p.scaleV) +
            Math.mulDiv(p.wL, x.liquidity, p.scaleL) +
            Math.mulDiv(p.wU, x.uptime, WAD) +
            Math.mulDiv(p.wQ, x.quality, WAD);
    }

    /// @notice The EMA step: (alpha x raw + (1 - alpha) x previous), alpha in basis points, floored.
    function ema(uint256 previous, uint256 raw, uint256 alphaBps) internal pure returns (uint256) {
        return (raw * alphaBps + previous * (BPS - alphaBps)) / BPS;
    }

    /// @notice Gamma(Phi) = Phi / (1 + Phi) in WAD, floored: 0 at 0, 0.5e18 at 1e18, below 1e18 for every Phi.
    function gamma(uint256 phiWad) internal pure returns (uint256) {
        return Math.mulDiv(phiWad, WAD, WAD + phiWad);
    }

    /// @notice An epoch's NEX issuance: base x Gamma(Phi), capped at `maxNexPerWork` x work; the rest of `base` is withheld.
    /// @param base base issuance of the epoch (NEX wei)
    /// @param phiWad the smoothed PoE index
    /// @param work the epoch's total fee-paying work (NEX-equivalent wei of fees)
    /// @param maxNexPerWork NEX wei per wei of work at most (WAD)
    /// @return issued NEX wei to mint
    /// @return withheld base - issued (never minted)
    function issuance(
        uint256 base,
        uint256 phiWad,
        uint256 work,
        uint256 maxNexPerWork
    ) internal pure returns (uint256 issued, uint256 withheld) {
        issued = Math.min(Math.mulDiv(base, gamma(phiWad), WAD), Math.mulDiv(work, maxNexPerWork, WAD));
        withheld = base - issued;
    }

    /// @notice The fee of a job: value x feeBps / 10,000 rounded up.
    function fee(uint256 value, uint256 feeBps) internal pure returns (uint256) {
        return Math.mulDiv(value, feeBps, BPS, Math.Rounding.Ceil);
    }

    /// @notice The four legs of a fee (FeeSplit, the treasury last: it takes the remainder share and the dust).
    /// @return locked miner's locked reserve
    /// @return spendable miner's spendable leg
    /// @return owner owner-salary leg (before the ceiling)
    /// @return treasury treasury leg
    function feeLegs(
        uint256 amount,
        uint256 lockBps,
        uint256 spendBps,
        uint256 ownerBps
    ) internal pure returns (uint256 locked, uint256 spendable, uint256 owner, uint256 treasury) {
        return FeeSplit.split4(amount, lockBps, spendBps, ownerBps);
    }

    /// @notice The owner-salary leg against the period's ceiling: what the owner receives and what goes to the treasury.
    /// @param earned owner salary already earned in the period
    /// @param leg this job's owner leg
    /// @param ceiling the period's ceiling
    function salary(
        uint256 earned,
        uint256 leg,
        uint256 ceiling
    ) internal pure returns (uint256 toOwner, uint256 toTreasury) {
        uint256 room = ceiling > earned ? ceiling - earned : 0;
        toOwner = Math.min(leg, room);
        toTreasury = leg - toOwner;
    }

    /// @notice Vested part of a linear line of `locked` from `start` to `end` at `nowTs` (floored; all of it from `end`).
    function vested(uint256 locked, uint256 start, uint256 end, uint256 nowTs) internal pure returns (uint256) {
        if (nowTs >= end) return locked;
        if (nowTs <= start) return 0;
        return Math.mulDiv(locked, nowTs - start, end - start);
    }

    /// @notice End of the merged line when `amount` joins `unvested` (ending at `end`) at `nowTs` with a `period`:
    /// the amount-weighted mean of `end` and `nowTs + period`, rounded up (`nowTs + period` when nothing is unvested).
    function mergedEnd(
        uint256 unvested,
        uint256 end,
        uint256 amount,
        uint256 nowTs,
        uint256 period
    ) internal pure returns (uint256) {
        uint256 fresh = nowTs + period;
        if (unvested == 0 || end <= nowTs) return fresh;
        return Math.ceilDiv(unvested * end + amount * fresh, unvested + amount);
    }

    /// @notice A miner's share of an epoch's issuance: issued x work / totalWork, floored.
    function share(uint256 issued, uint256 work, uint256 totalWork) internal pure returns (uint256) {
        return Math.mulDiv(issued, work, totalWork);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoeMath} from "../../bpci/mining/PoeMath.sol";

/// @title PoeMathHarness
/// @notice Exposes PoeMath for the differential test against sdk/bpci/core/poe.ts.
contract PoeMathHarness {
    function phi(PoeMath.PhiInputs calldata x, PoeMath.PhiParams calldata p) external pure returns (uint256) {
        return PoeMath.phi(x, p);
    }

    function ema(uint256 previous, uint256 raw, uint256 alphaBps) external pure returns (uint256) {
        return PoeMath.ema(previous, raw, alphaBps);
    }

    function gamma(uint256 phiWad) external pure returns (uint256) {
        return PoeMath.gamma(phiWad);
    }

    function issuance(
        uint256 base,
        uint256 phiWad,
        uint256 work,
        uint256 maxNexPerWork
    ) external pure returns (uint256 issued, uint256 withheld) {
        return PoeMath.issuance(base, phiWad, work, maxNexPerWork);
    }

    function fee(uint256 value, uint256 feeBps) external pure returns (uint256) {
        return PoeMath.fee(value, feeBps);
    }

    function feeLegs(
        uint256 amount,
        uint256 lockBps,
        uint256 spendBps,
        uint256 ownerBps
    ) external pure returns (uint256, uint256, uint256, uint256) {
        return PoeMath.feeLegs(amount, lockBps, spendBps, ownerBps);
    }

    function salary(uint256 earned, uint256 leg, uint256 ceiling) external pure returns (uint256, uint256) {
        return PoeMath.salary(earned, leg, ceiling);
    }

    function vested(uint256 locked, uint256 start, uint256 end, uint256 nowTs) external pure returns (uint256) {
        return PoeMath.vested(locked, start, end, nowTs);
    }

    function mergedEnd(
        uint256 unvested,
        uint256 end,
        uint256 amount,
        uint256 nowTs,
        uint256 period
    ) external pure returns (uint256) {
        return PoeMath.mergedEnd(unvested, end, amount, nowTs, period);
    }

    function share(uint256 issued, uint256 work, uint256 totalWork) external pure returns (uint256) {
        return PoeMath.share(issued, work, totalWork);
    }
}

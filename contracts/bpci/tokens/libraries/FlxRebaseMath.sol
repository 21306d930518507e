// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {WAD} from "../../../utils/Constants.sol";

/// @title FlxRebaseMath
/// @notice The pure math of the FLX rebase (gons/fragments accounting, Ampleforth UFragments), mirrored bigint-exact
/// by `sdk/bpci/core/rebase.ts` and compared on random inputs by `test/bpci/core/rebase.diff.test.ts`.
/// @dev Design. Every account holds gons; the total is fixed at deployment: `totalGons = 2^256 - 1 - ((2^256 - 1) %
/// S0)` for the genesis supply S0, so `totalGons / S0` is exact. With the supply S, `gonsPerFragment = totalGons / S`
/// (floor) and `balance = gons / gonsPerFragment` (floor). A rebase changes S only: every balance moves by the same
/// factor and the gons (the holders' shares) never move. Because S <= 2^104 - 1 < 2^127, `totalGons / gpf` lies in
/// [S, S + S / gpf) with `S / gpf < 1`, so the sum of all balances never exceeds S (each floors).
/// The rebase delta is the usage deviation `(usage - target) / target` in WAD (rounded toward zero), zero inside the
/// deadband, clamped to +-maxBps. The new supply is `floor(S * (1e18 + delta) / 1e18)`, capped at `maxSupply` and at
/// least 1 (so `gonsPerFragment` stays defined): the rebase rounds the supply down, never creating a fragment.
library FlxRebaseMath {
    /// @dev WAD per basis point: 1 bps = 1e14 WAD.
    uint256 internal constant WAD_PER_BPS = 1e14;

    /// @notice The total gons for a genesis supply `initialSupply` (> 0): the largest multiple of it below 2^256.
    function totalGonsFor(uint256 initialSupply) internal pure returns (uint256) {
        return type(uint256).max - (type(uint256).max % initialSupply);
    }

    /// @notice Gons per fragment at `supply` (> 0), rounded down.
    function gonsPerFragment(uint256 totalGons, uint256 supply) internal pure returns (uint256) {
        return totalGons / supply;
    }

    /// @notice The fragments that `gons` are worth at `gonsPerFragment_` (> 0), rounded down.
    function toFragmentsDown(uint256 gons, uint256 gonsPerFragment_) internal pure returns (uint256) {
        return gons / gonsPerFragment_;
    }

    /// @notice The signed rebase delta (WAD) for `usage` against `target` (> 0, both 18-decimal fixed point):
    /// `(usage - target) / target`, rounded toward zero, 0 when its size is below `deadbandBps`, and clamped to
    /// `maxBps` either way.
    function deltaWad(
        uint256 usage,
        uint256 target,
        uint256 maxBps,
        uint256 deadbandBps
    ) internal pure returns (int256) {
        bool up = usage >= target;
        uint256 diff = up ? usage - target : target - usage;
        uint256 bound = maxBps * WAD_PER_BPS;
        // diff >= target means a deviation of 100% or more: above any bound (maxBps <= 10,000 by the registry), and
        // skipping the division keeps `diff * WAD` from overflowing.
        uint256 size = diff >= target ? type(uint256).max : Math.mulDiv(diff, WAD, target);
        if (size < deadbandBps * WAD_PER_BPS) return 0;
        if (size > bound) size = bound;
        // size <= bound = maxBps * 1e14 with maxBps a registry value below 2^128: fits in int256.
        return up ? int256(size) : -int256(size);
    }

    /// @notice The supply after a rebase of `delta` (WAD, > -1e18): `floor(supply * (1e18 + delta) / 1e18)`, at most
    /// `maxSupply` and at least 1.
    function nextSupply(uint256 supply, int256 delta, uint256 maxSupply) internal pure returns (uint256 next) {
        uint256 factor = delta >= 0 ? WAD + uint256(delta) : WAD - uint256(-delta);
        next = Math.mulDiv(supply, factor, WAD);
        if (next > maxSupply) next = maxSupply;
        if (next == 0) next = 1;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../../../utils/Constants.sol";

/// @title AurReserveMath
/// @notice The reserve-coverage math of AUR, mirrored bigint-exact by `sdk/bpci/core/reserve.ts` and compared on
/// random inputs by `test/bpci/core/reserve.diff.test.ts`.
/// @dev A mint that leaves the supply at `supplyAfter` needs reserves of at least
/// `supplyAfter * (10,000 + marginBps) / 10,000`, rounded up (against the issuer). Since reserves are whole units,
/// `reserves >= ceil(x)` iff `reserves >= x`, so the guard is exact: at exactly 100% + margin it passes, one wei of
/// supply more fails. `maxMintableDown` is the same guard solved for the amount (`floor(reserves * 10,000 /
/// (10,000 + margin)) - supply`, 0 when covered no further): `amount <= maxMintableDown` iff the guard passes.
library AurReserveMath {
    /// @notice Reserves (token units) needed for a supply of `supplyAfter` at a margin of `marginBps`, rounded up.
    function requiredReservesUp(uint256 supplyAfter, uint256 marginBps) internal pure returns (uint256) {
        return Math.mulDiv(supplyAfter, BPS + marginBps, BPS, Math.Rounding.Ceil);
    }

    /// @notice The largest mint that `reserves` cover on top of `supply` at `marginBps`, rounded down (0 if none).
    function maxMintableDown(uint256 reserves, uint256 supply, uint256 marginBps) internal pure returns (uint256) {
        uint256 covered = Math.mulDiv(reserves, BPS, BPS + marginBps);
        return covered > supply ? covered - supply : 0;
    }
}

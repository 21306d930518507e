// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title MeshInterest
/// @notice Simple interest of a bank-mesh loan (mirrored by `sdk/bpci/core/mesh.ts`, differential test
/// test/bpci/mesh/interest.diff.test.ts): `interest = ceil(principal x rateBps x duration / (10,000 x 365 days))`,
/// `due = principal + interest`. Rounded up, in the lender's favour (README "Rounding": escrows and lenders never
/// lose the dust). A rate of 0 or a duration of 0 gives 0 interest.
library MeshInterest {
    /// @notice Seconds in the interest year (365 days, no leap years).
    uint256 internal constant YEAR = 365 days;

    /// @notice Interest on `principal` wei at `rateBps` per year for `duration` seconds, rounded up.
    /// @param principal wei lent
    /// @param rateBps basis points per year (10,000 = 100% a year)
    /// @param duration seconds
    function interest(uint256 principal, uint256 rateBps, uint256 duration) internal pure returns (uint256) {
        return Math.mulDiv(principal, rateBps * duration, BPS * YEAR, Math.Rounding.Ceil);
    }

    /// @notice What the borrower owes at the due time: `principal + interest(principal, rateBps, duration)`.
    function due(uint256 principal, uint256 rateBps, uint256 duration) internal pure returns (uint256) {
        return principal + interest(principal, rateBps, duration);
    }
}

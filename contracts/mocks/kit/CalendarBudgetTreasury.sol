// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Treasury} from "../../treasury/Treasury.sol";

/// @title CalendarBudgetTreasury
/// @notice Known-bad canary of the Treasury invariant suite (test/kit/invariants/treasury.inv.test.ts): the council's
/// budget counts only the current bucket, so it resets on every bucket boundary instead of rolling over the period
/// (the SEC-14 bug: the council could spend its budget twice across a boundary). Never deployed by a preset.
contract CalendarBudgetTreasury is Treasury {
    constructor(
        address admin,
        address council,
        uint256 period,
        address[] memory tokens,
        uint256[] memory budgets
    ) Treasury(admin, council, period, tokens, budgets) {}

    /// @dev Only the current bucket's spending (the real window sums the eight buckets of the period).
    function _spentIn(CouncilWindow memory w, uint256 current) internal pure override returns (uint256) {
        return w.last == current ? w.spent[current % 8] : 0;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFlxToken} from "../../bpci/tokens/IFlxToken.sol";

/// @notice Test-only: the flash-loan sandwich of a rebase within one transaction. It pulls `amount` FLX from a
/// lender (an approved pool), calls `rebase`, records its balance, and pays back exactly `amount`; the FLX design
/// makes the rebase apply from the next block, so the borrower keeps nothing.
contract FlxFlashBorrower {
    IFlxToken public immutable flx;
    uint256 public balanceAfterRebase;
    uint256 public kept;

    constructor(IFlxToken flx_) {
        flx = flx_;
    }

    function sandwich(address lender, uint256 amount) external {
        flx.transferFrom(lender, address(this), amount);
        flx.rebase();
        balanceAfterRebase = flx.balanceOf(address(this));
        flx.transfer(lender, amount);
        // solhint-disable-next-line reentrancy
        kept = flx.balanceOf(address(this));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test double of a Uniswap V2 pair's reserve bookkeeping: `sync()` sets the reserve to the balance, and
/// `skim`-style checks read whether the balance ever fell below the reserve.
contract MockCaesarPair {
    IERC20 public immutable token;
    uint256 public reserve;
    uint256 public syncs;

    event Synced(uint256 reserve);

    constructor(IERC20 token_) {
        token = token_;
    }

    function sync() external {
        reserve = token.balanceOf(address(this));
        ++syncs;
        emit Synced(reserve);
    }

    /// @notice Sends `amount` of the pair's tokens to `to` (a swap output), requiring the balance to cover the reserve
    /// afterwards as Uniswap V2's K check would.
    function pay(address to, uint256 amount) external {
        reserve = token.balanceOf(address(this)) - amount;
        token.transfer(to, amount);
    }

    /// @notice Whether the balance covers the recorded reserve (a V2 swap would fail otherwise).
    function solvent() external view returns (bool) {
        return token.balanceOf(address(this)) >= reserve;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IUniswapV2PairSync
/// @notice The one pair function `CaesarToken.syncPool` calls: Uniswap V2's `sync()`, which sets the reserves to
/// the balances after the pool's demurrage was applied.
interface IUniswapV2PairSync {
    /// @notice Sets the pair's reserves to its token balances.
    function sync() external;
}

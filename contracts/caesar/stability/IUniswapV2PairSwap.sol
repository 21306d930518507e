// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IUniswapV2PairSwap
/// @notice The Uniswap V2 pair functions StabilityGate uses.
interface IUniswapV2PairSwap {
    /// @notice The pair's first token (the lower address).
    function token0() external view returns (address);

    /// @notice The pair's second token.
    function token1() external view returns (address);

    /// @notice The reserves at the last update and its timestamp.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice Sends the outputs to `to` once the inputs arrived (`data` empty: no callback).
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

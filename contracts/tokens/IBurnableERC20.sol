// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IBurnableERC20
/// @notice An ERC-20 whose holder can destroy its own tokens (OZ `ERC20Burnable.burn`). The staking core
/// holds any such token; QUIV and every kit token satisfy it.
interface IBurnableERC20 is IERC20 {
    /// @notice Destroys `amount` of the caller's tokens.
    /// @param amount wei to burn
    function burn(uint256 amount) external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";

/// @title MockBurnableToken
/// @notice A plain burnable ERC-20 with an open mint, for kit-level tests of token-agnostic blocks.
contract MockBurnableToken is ERC20Burnable {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mints `amount` to `to` (anyone may call: test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

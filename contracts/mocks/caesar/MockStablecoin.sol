// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A local quote token for CAESAR's pool (an 18-decimal mock dollar): anyone may mint.
contract MockStablecoin is ERC20 {
    constructor() ERC20("Mock USD", "mUSD") {}

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

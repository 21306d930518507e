// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @title RefERC4626
/// @notice Gas reference for the static voting wrapper: OpenZeppelin's plain ERC4626 (no permit, no votes, no
/// offset), deployed beside it by `npm run bench`.
contract RefERC4626 is ERC4626 {
    constructor(IERC20 asset_) ERC20("Ref Vault", "rVLT") ERC4626(asset_) {}
}

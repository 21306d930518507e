// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StaticVotesWrapper} from "../../tokens/StaticVotesWrapper.sol";

/// @title BadStaticWrapper
/// @notice Known-bad canary for the static wrapper invariant suite: a deposit rounds shares UP (in the depositor's
/// favour), so repeated small deposits take value from the other holders. The suite must catch it.
contract BadStaticWrapper is StaticVotesWrapper {
    constructor(
        IERC20Metadata underlying,
        string memory name_,
        string memory symbol_,
        uint8 offset_
    ) StaticVotesWrapper(underlying, name_, symbol_, offset_) {}

    /// @dev The bug: Ceil instead of Floor.
    function previewDeposit(uint256 assets) public view override(ERC4626, IERC4626) returns (uint256) {
        return _convertToShares(assets, Math.Rounding.Ceil);
    }
}

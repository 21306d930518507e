// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StaticVotesWrapper} from "../../tokens/StaticVotesWrapper.sol";

/// @notice Known-bad canary for the wCAESAR solvency invariant: shares are converted to CAESAR rounded up, in the
/// holder's favour (redeem and convertToAssets pay up to 1 wei too much each), so what the holders can redeem exceeds
/// what the wrapper holds. The CAESAR wrapper invariant suite must catch it.
contract LeakyCaesarWrapper is StaticVotesWrapper {
    constructor(
        IERC20Metadata underlying,
        string memory name_,
        string memory symbol_,
        uint8 offset_
    ) StaticVotesWrapper(underlying, name_, symbol_, offset_) {}

    function _convertToAssets(uint256 shares, Math.Rounding) internal view override returns (uint256) {
        return super._convertToAssets(shares, Math.Rounding.Ceil);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarToken} from "../../caesar/CaesarToken.sol";

/// @notice Test harness: CaesarToken whose transfer fast path can be switched off, so that a test runs the same
/// transfer from the same state through `_fastMove` and through the general `_move` and compares every word and
/// event. `fastMoves` counts the transfers the fast path took.
contract CaesarTokenPathSwitch is CaesarToken {
    bool public slow;
    uint256 public fastMoves;

    constructor(
        address admin,
        IParameterRegistry registry_,
        address distributor,
        address reserve,
        address[] memory exempt,
        address[] memory recipients,
        uint256[] memory amounts
    ) CaesarToken(admin, registry_, distributor, reserve, exempt, recipients, amounts) {}

    function setSlow(bool slow_) external {
        slow = slow_;
    }

    function _fastMove(address from, address to, uint256 value) internal override returns (bool taken) {
        if (slow) return false;
        taken = super._fastMove(from, to, value);
        if (taken) ++fastMoves;
    }
}

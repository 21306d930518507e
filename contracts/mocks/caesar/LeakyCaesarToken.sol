// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarToken} from "../../caesar/CaesarToken.sol";
import {DemurrageMath} from "../../caesar/DemurrageMath.sol";

/// @notice Known-bad canary for the CAESAR conservation invariant: a transfer to a decaying account forgets to add
/// the receiver's credit to `totalBase`, so `accrued()` overstates what the fee distributor may take by value that
/// holders still own (sum of balances + accrued > supply). The invariant suite must catch it.
contract LeakyCaesarToken is CaesarToken {
    constructor(
        address admin,
        IParameterRegistry registry_,
        address distributor,
        address reserve,
        address[] memory exempt,
        address[] memory recipients,
        uint256[] memory amounts
    ) CaesarToken(admin, registry_, distributor, reserve, exempt, recipients, amounts) {}

    function _plan(
        address from,
        address to,
        uint256 value,
        Clock memory c,
        uint256 prm,
        uint256 regionalBps
    ) internal view override returns (Plan memory p) {
        p = super._plan(from, to, value, c, prm, regionalBps);
        if (_decays(_kind(p.toWord))) {
            uint256 forgotten = DemurrageMath.toBaseDown(p.net, c.index);
            p.totalBase = p.totalBase > forgotten ? p.totalBase - forgotten : 0;
        }
    }
}

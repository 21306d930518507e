// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ReentrantQuiv
/// @notice Test-only hostile token (SECURITY-CHECKLIST X-REENT-01): on its next balance change it calls
/// `target` with `data` once and bubbles up any revert, so a test can check that every external-call path
/// of ProviderStaking rejects reentry.
contract ReentrantQuiv is ERC20 {
    address private _target;
    bytes private _data;

    constructor() ERC20("Hostile QUIV", "hQUIV") {
        _mint(msg.sender, 1e27);
    }

    /// @notice Arms the hook for the next transfer.
    function arm(address target, bytes calldata data) external {
        _target = target;
        _data = data;
    }

    /// @notice Burn as QuivToken does.
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = _target;
        if (target != address(0)) {
            _target = address(0);
            Address.functionCall(target, _data);
        }
    }
}

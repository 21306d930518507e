// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 with a transfer hook (ERC-777/1363-like): on every transfer or transferFrom while armed
/// it calls `victim` with `payload` once, records whether the call succeeded and its return or revert data, and
/// never bubbles the result (SECURITY-CHECKLIST X-REENT-01). Never deployed by a preset.
contract CallbackToken is ERC20 {
    address public victim;
    bytes public payload;
    bool public armed;
    bool public lastCallSucceeded;
    bytes public lastReturnData;
    uint256 public attacks;

    constructor() ERC20("Callback", "CALL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the hook: the next transfer calls `target_` with `payload_`.
    function arm(address target_, bytes calldata payload_) external {
        victim = target_;
        payload = payload_;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && from != address(0)) {
            armed = false;
            ++attacks;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory data) = victim.call(payload);
            lastCallSucceeded = ok;
            lastReturnData = data;
        }
    }
}

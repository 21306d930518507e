// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice Test-only ERC-20 with hooks (ERC-777 style): when armed, every transfer calls `target` with
/// `data` (once per arming) and records the returned data, and calls `onTokenReceived` on contract
/// recipients. It can also take a fee on transfer. Used to attempt reentrancy and to feed short amounts.
contract HostileToken is ERC20, ERC20Burnable, ERC20Permit {
    address public attackTarget;
    bytes public attackData;
    bool public armed;
    bool public lastSuccess;
    bytes public lastResult;
    uint256 public feeBps;
    bool public receiverHooks;
    bytes[] private _sweep;
    bytes[] private _sweepResults;

    constructor() ERC20("Hostile", "HOST") ERC20Permit("Hostile") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        attackTarget = target_;
        attackData = data_;
        armed = true;
    }

    /// @notice On the next transfer, calls `target_` once with each of `datas` and records every result.
    function armSweep(address target_, bytes[] calldata datas) external {
        attackTarget = target_;
        delete _sweepResults;
        for (uint256 i = 0; i < datas.length; ++i) _sweep.push(datas[i]);
    }

    function sweepResults() external view returns (bytes[] memory) {
        return _sweepResults;
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function setReceiverHooks(bool on) external {
        receiverHooks = on;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) || to == address(0) ? 0 : (value * feeBps) / 10_000;
        if (fee != 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
        if (armed) {
            armed = false;
            // solhint-disable-next-line avoid-low-level-calls
            (lastSuccess, lastResult) = attackTarget.call(attackData);
        }
        if (_sweep.length != 0) {
            bytes[] memory datas = _sweep;
            delete _sweep;
            for (uint256 i = 0; i < datas.length; ++i) {
                // solhint-disable-next-line avoid-low-level-calls
                (, bytes memory ret) = attackTarget.call(datas[i]);
                _sweepResults.push(ret);
            }
        }
        if (receiverHooks && to.code.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, ) = to.call(abi.encodeWithSignature("onTokenReceived(address,uint256)", from, value));
            ok; // a recipient without the hook is fine
        }
    }
}

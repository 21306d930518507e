// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only contract party (consumer, provider or challenger): forwards calls, and when it
/// receives tokens through a hook-calling token, tries one reentrant call and records the result.
contract HostileReceiver {
    address public attackTarget;
    bytes public attackData;
    bool public lastSuccess;
    bytes public lastResult;
    uint256 public hits;

    function setAttack(address target_, bytes calldata data_) external {
        attackTarget = target_;
        attackData = data_;
    }

    function exec(address to, bytes calldata callData) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = to.call(callData);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    function approve(address token, address spender, uint256 amount) external {
        IERC20(token).approve(spender, amount);
    }

    function onTokenReceived(address, uint256) external {
        hits += 1;
        if (attackTarget == address(0) || hits > 1) return;
        // solhint-disable-next-line avoid-low-level-calls
        (lastSuccess, lastResult) = attackTarget.call(attackData);
    }
}

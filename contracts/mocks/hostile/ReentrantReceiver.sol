// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ReentrantReceiver
/// @notice Test-only hostile recipient: when it receives ETH it calls `callee` with `payload` (for example
/// `Treasury.claim` again) and reverts with the inner error if that call fails, or rejects ETH outright.
contract ReentrantReceiver {
    address public callee;
    bytes public payload;
    bool public rejectAll;

    /// @notice Configures the callback.
    function arm(address target_, bytes calldata payload_, bool rejectAll_) external {
        callee = target_;
        payload = payload_;
        rejectAll = rejectAll_;
    }

    /// @notice Calls `callee` (to claim a grant as this contract).
    function callTarget(bytes calldata data) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = callee.call(data);
        if (!ok) _bubble(ret);
        return ret;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (rejectAll) _bubble("");
        if (payload.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = callee.call(payload);
            if (!ok) _bubble(ret);
        }
    }

    function _bubble(bytes memory ret) private pure {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            revert(add(ret, 32), mload(ret))
        }
    }
}

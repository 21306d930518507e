// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IChallengerRewardSplitter} from "./IChallengerRewardSplitter.sol";
import {IDisputeManager} from "./IDisputeManager.sol";

/// @title ChallengerRewardSplitter
/// @notice Shares one slash's challenger leg equally among a dispute's challengers (pull payments).
/// @dev Used through minimal clones whose immutable arguments are `abi.encode(disputeManager, disputeId,
/// token)`. The challenger list is read from the DisputeManager (it cannot change once the dispute is final).
/// Share = floor((balance + totalReleased) / n) - released[c], rounded down: the dust (< n wei) stays here.
contract ChallengerRewardSplitter is IChallengerRewardSplitter {
    using SafeERC20 for IERC20;

    uint256 private _totalReleased;
    mapping(address challenger => uint256) private _released;

    /// @inheritdoc IChallengerRewardSplitter
    function release(address challenger) external {
        (address dm, bytes32 disputeId, address token) = terms();
        uint256 due = _due(dm, disputeId, token, challenger);
        if (due == 0) revert SplitterNothingDue(challenger);
        uint256 released = _released[challenger] + due;
        _released[challenger] = released;
        _totalReleased += due;
        emit ChallengerRewardReleased(challenger, due, released);
        IERC20(token).safeTransfer(challenger, due);
    }

    /// @inheritdoc IChallengerRewardSplitter
    function releasable(address challenger) external view returns (uint256) {
        (address dm, bytes32 disputeId, address token) = terms();
        return _due(dm, disputeId, token, challenger);
    }

    /// @inheritdoc IChallengerRewardSplitter
    function terms() public view returns (address disputeManager, bytes32 disputeId, address token) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (address, bytes32, address));
    }

    function _due(address dm, bytes32 disputeId, address token, address challenger) private view returns (uint256) {
        if (IDisputeManager(dm).evidenceOf(disputeId, challenger) == bytes32(0)) {
            revert SplitterNotChallenger(challenger);
        }
        uint256 n = IDisputeManager(dm).getDispute(disputeId).challengerCount;
        uint256 received = IERC20(token).balanceOf(address(this)) + _totalReleased;
        return received / n - _released[challenger];
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title GovernorTypedTimelockControl
/// @notice OpenZeppelin's GovernorTimelockControl (v5.5) with two changes: each proposal is scheduled with its
/// own minimum delay, max(_proposalMinDelay(id), timelock.getMinDelay()), and a queued proposal that is not
/// executed within GRACE_PERIOD after its ETA becomes Expired.
/// @dev OZ's extension keeps its timelock ids private and always schedules with `getMinDelay()`, so a per-type
/// delay cannot be added by overriding one function; this file is that extension with `_queueOperations`
/// changed (everything else, including the salt and the state mapping, is OZ's code). The timelock's own
/// minDelay is set to the shortest (emergency) delay and the governor is its only proposer, so the timelock
/// enforces the longer per-proposal delay that the governor scheduled: `execute` before the ETA reverts in
/// `TimelockController.executeBatch`. Expiry: the timelock operation stays pending, but the executor role
/// belongs to the governor only, and the governor refuses to execute an Expired proposal.
/// WARNING (from OZ): extra proposers or cancellers on the timelock can bypass or block governance; the
/// guardian's CANCELLER_ROLE is a deliberate exception (it can only cancel).
abstract contract GovernorTypedTimelockControl is Governor {
    /// @notice Time after the ETA during which a queued proposal can be executed (Compound's value: 14 days).
    uint256 public constant GRACE_PERIOD = 14 days;

    TimelockController private _timelock;
    mapping(uint256 proposalId => bytes32) private _timelockIds;

    /// @dev Emitted when the timelock controller used for proposal execution is modified (OZ event).
    event TimelockChange(address oldTimelock, address newTimelock);

    constructor(TimelockController timelockAddress) {
        _updateTimelock(timelockAddress);
    }

    /// @dev OZ's state, plus Expired once the grace period after the ETA has passed.
    function state(uint256 proposalId) public view virtual override returns (ProposalState) {
        ProposalState currentState = super.state(proposalId);

        if (currentState != ProposalState.Queued) {
            return currentState;
        }

        bytes32 queueId = _timelockIds[proposalId];
        if (_timelock.isOperationPending(queueId)) {
            return
                block.timestamp > proposalEta(proposalId) + GRACE_PERIOD ? ProposalState.Expired : ProposalState.Queued;
        } else if (_timelock.isOperationDone(queueId)) {
            // This can happen if the proposal is executed directly on the timelock.
            return ProposalState.Executed;
        } else {
            // This can happen if the proposal is canceled directly on the timelock (by the guardian).
            return ProposalState.Canceled;
        }
    }

    /// @notice Address of the timelock.
    function timelock() public view virtual returns (address) {
        return address(_timelock);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(uint256) public view virtual override returns (bool) {
        return true;
    }

    /// @notice Changes the timelock. Only governance. CAUTION (OZ): not while other proposals are queued.
    function updateTimelock(TimelockController newTimelock) public virtual onlyGovernance {
        _updateTimelock(newTimelock);
    }

    /// @dev Minimum delay in seconds of this proposal (its type's delay at its snapshot).
    function _proposalMinDelay(uint256 proposalId) internal view virtual returns (uint256);

    /// @dev Schedules with max(type delay, timelock minDelay); returns the ETA.
    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override returns (uint48) {
        uint256 delay = Math.max(_proposalMinDelay(proposalId), _timelock.getMinDelay());

        bytes32 salt = _timelockSalt(descriptionHash);
        _timelockIds[proposalId] = _timelock.hashOperationBatch(targets, values, calldatas, 0, salt);
        _timelock.scheduleBatch(targets, values, calldatas, 0, salt, delay);

        return SafeCast.toUint48(block.timestamp + delay);
    }

    /// @dev Runs the queued proposal through the timelock (OZ).
    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override {
        _timelock.executeBatch{value: msg.value}(targets, values, calldatas, 0, _timelockSalt(descriptionHash));
        delete _timelockIds[proposalId];
    }

    /// @dev Cancels the timelock operation too if the proposal was queued (OZ).
    // The timelock is trusted (OZ's reasoning), so the external call before the delete is not a reentrancy risk.
    // slither-disable-next-line reentrancy-no-eth
    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal virtual override returns (uint256) {
        uint256 proposalId = super._cancel(targets, values, calldatas, descriptionHash);

        bytes32 timelockId = _timelockIds[proposalId];
        if (timelockId != 0) {
            _timelock.cancel(timelockId);
            delete _timelockIds[proposalId];
        }

        return proposalId;
    }

    /// @dev The timelock executes.
    function _executor() internal view virtual override returns (address) {
        return address(_timelock);
    }

    function _updateTimelock(TimelockController newTimelock) private {
        emit TimelockChange(address(_timelock), address(newTimelock));
        _timelock = newTimelock;
    }

    /// @dev Salt mixed with the governor address, to avoid collisions across governors sharing a timelock (OZ).
    function _timelockSalt(bytes32 descriptionHash) private view returns (bytes32) {
        return bytes20(address(this)) ^ descriptionHash;
    }
}

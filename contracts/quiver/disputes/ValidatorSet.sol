// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IDisputeManager} from "./IDisputeManager.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {MarketMath} from "../market/MarketMath.sol";

/// @title ValidatorSet
/// @notice The validator half of the DisputeManager: QUIV stakes, the active set, committee draws, exits with
/// an unbonding delay, quality attestations and the non-participation penalty.
/// @dev The active set is an OZ EnumerableSet (O(1) add, remove and index); it is only read by index in the
/// committee draw, at most `3 * k + 3` reads. A validator leaves the active set at `requestValidatorExit` or
/// when a penalty takes its stake below the minimum (SEC-04), and withdraws after the unbonding delay once
/// every committee seat it holds is revealed or penalised, so a validator cannot escape a pending penalty.
///
/// Committee draw: a virtual permutation of the active set, `index_i = (start + i * step) mod n` with
/// `gcd(step, n) = 1`, both from `keccak256(prevrandao, disputeId)`. Walking it visits each validator at most
/// once, so the first `k` eligible ones are distinct without any storage. Warning: a block proposer can bias
/// `prevrandao` (by withholding its block); the committee is unpredictable to others, not unbiasable.
abstract contract ValidatorSet is AccessControl, ReentrancyGuardTransient, IDisputeManager {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @inheritdoc IDisputeManager
    uint256 public constant MAX_COMMITTEE_SIZE = 15; // validators; bounds the draw loop (3 * 15 + 3 reads)

    struct Attestations {
        uint128 count;
        uint128 scoreSum;
    }

    IERC20 internal immutable _token;
    IParameterRegistry internal immutable _registry;

    mapping(address validator => Validator) internal _validators;
    mapping(uint256 jobId => Attestations) private _attestations;
    mapping(uint256 jobId => mapping(address validator => bool)) private _attested;
    EnumerableSet.AddressSet private _active;
    uint256 internal _totalValidatorStake;

    constructor(address token_, address registry_) {
        if (token_ == address(0) || registry_ == address(0)) revert DisputeZeroAddress();
        _token = IERC20(token_);
        _registry = IParameterRegistry(registry_);
    }

    /// @inheritdoc IDisputeManager
    function stakeAsValidator(uint256 amount) external nonReentrant {
        if (amount == 0) revert DisputeZeroAmount();
        Validator storage v = _validators[msg.sender];
        if (v.exitAvailableAt != 0) revert DisputeValidatorExiting(msg.sender, v.exitAvailableAt);
        uint256 stake = v.stake + amount;
        if (!v.active) {
            uint256 minStake = _param(QuiverParams.DISPUTE_VALIDATOR_MIN_STAKE);
            if (stake < minStake) revert DisputeStakeTooLow(msg.sender, stake, minStake);
            v.active = true;
            _active.add(msg.sender);
        }
        v.stake = stake.toUint128();
        _totalValidatorStake += amount;
        emit ValidatorStaked(msg.sender, amount, stake);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IDisputeManager
    function requestValidatorExit() external {
        Validator storage v = _validators[msg.sender];
        // A validator deactivated below the minimum (stake > 0, not exiting) may exit too.
        if (v.exitAvailableAt != 0 || v.stake == 0) revert DisputeValidatorExiting(msg.sender, v.exitAvailableAt);
        uint256 availableAt = block.timestamp + _param(QuiverParams.DISPUTE_VALIDATOR_UNBONDING);
        if (v.active) {
            v.active = false;
            _active.remove(msg.sender);
        }
        v.exitAvailableAt = availableAt.toUint64();
        emit ValidatorExitRequested(msg.sender, availableAt);
    }

    /// @inheritdoc IDisputeManager
    function withdrawValidatorStake() external nonReentrant {
        Validator storage v = _validators[msg.sender];
        uint256 availableAt = v.exitAvailableAt;
        if (availableAt == 0) revert DisputeValidatorExiting(msg.sender, 0);
        if (block.timestamp < availableAt || v.openCommits != 0) {
            revert DisputeStakeLocked(msg.sender, availableAt, v.openCommits);
        }
        uint256 amount = v.stake;
        delete _validators[msg.sender];
        _totalValidatorStake -= amount;
        emit ValidatorWithdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IDisputeManager
    function getValidator(address validator) external view returns (Validator memory) {
        return _validators[validator];
    }

    /// @inheritdoc IDisputeManager
    function attestationsOf(uint256 jobId) external view returns (uint256 count, uint256 scoreSum) {
        Attestations storage a = _attestations[jobId];
        return (a.count, a.scoreSum);
    }

    /// @inheritdoc IDisputeManager
    function activeValidatorAt(uint256 index) external view returns (address) {
        return _active.at(index);
    }

    /// @inheritdoc IDisputeManager
    function activeValidatorCount() external view returns (uint256) {
        return _active.length();
    }

    /// @inheritdoc IDisputeManager
    function totalValidatorStake() external view returns (uint256) {
        return _totalValidatorStake;
    }

    /// @dev Reverts unless `who` is active with at least the current minimum stake.
    function _requireVoter(address who) internal view {
        Validator storage v = _validators[who];
        uint256 minStake = _param(QuiverParams.DISPUTE_VALIDATOR_MIN_STAKE);
        if (!v.active || v.stake < minStake) revert DisputeNotValidator(who, v.stake, minStake);
    }

    /// @dev Records one attestation of `jobId` by `msg.sender` (already checked to be a voter).
    function _recordAttestation(uint256 jobId, uint8 score, bool hasReceipt) internal {
        // Scores are percentages (0..100); a job without a receipt has nothing to attest.
        if (score > 100 || !hasReceipt || _attested[jobId][msg.sender]) {
            revert DisputeInvalidAttestation(jobId, msg.sender, score);
        }
        _attested[jobId][msg.sender] = true;
        Attestations storage a = _attestations[jobId];
        a.count += 1;
        a.scoreSum += score;
        emit QualityAttested(jobId, msg.sender, score);
    }

    /// @dev Takes `ceil(stake * penaltyBps / 10,000)` from `validator`'s stake and releases one committee seat;
    /// below the minimum stake the validator leaves the active set (SEC-04). The tokens stay in this
    /// contract; the caller books them.
    function _penalize(address validator, uint256 penaltyBps) internal returns (uint256 penalty) {
        Validator storage v = _validators[validator];
        penalty = MarketMath.penaltyUp(v.stake, penaltyBps);
        // penalty <= stake (penaltyUp caps it), and stake <= _totalValidatorStake.
        uint256 stake = v.stake - penalty;
        v.stake = uint128(stake);
        v.openCommits -= 1;
        _totalValidatorStake -= penalty;
        uint256 minStake = _param(QuiverParams.DISPUTE_VALIDATOR_MIN_STAKE);
        if (v.active && stake < minStake) {
            v.active = false;
            _active.remove(validator);
            emit ValidatorDeactivated(validator, stake, minStake);
        }
    }

    /// @dev Draws up to `k` distinct active validators with at least the minimum stake, none of them
    /// `x1`, `x2` or `x3`, and gives each one committee seat (`openCommits += 1`). See the design comment.
    function _drawCommittee(
        bytes32 disputeId,
        uint256 k,
        address x1,
        address x2,
        address x3
    ) internal returns (address[] memory members) {
        uint256 n = _active.length();
        members = new address[](k);
        if (n == 0 || k == 0) return _trim(members, 0);
        uint256 seed = uint256(keccak256(abi.encode(block.prevrandao, disputeId)));
        (uint256 start, uint256 step) = MarketMath.permutation(seed, n);
        uint256 minStake = _param(QuiverParams.DISPUTE_VALIDATOR_MIN_STAKE);
        uint256 limit = Math.min(n, 3 * k + 3);
        uint256 found;
        for (uint256 i; i < limit && found < k; ++i) {
            // i < n and start, step < n, so no overflow in (start + i * step).
            address v = _active.at((start + i * step) % n);
            if (v == x1 || v == x2 || v == x3) continue;
            Validator storage rec = _validators[v];
            if (rec.stake < minStake) continue;
            rec.openCommits += 1;
            members[found++] = v;
        }
        return _trim(members, found);
    }

    /// @dev The first `len` entries of `xs` (len <= 15: a short copy, no assembly).
    function _trim(address[] memory xs, uint256 len) private pure returns (address[] memory out) {
        out = new address[](len);
        for (uint256 i; i < len; ++i) out[i] = xs[i];
    }

    function _param(bytes32 key) internal view returns (uint256) {
        return _registry.get(key);
    }
}

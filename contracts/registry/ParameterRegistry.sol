// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IParameterRegistry} from "./IParameterRegistry.sol";

/// @title ParameterRegistry
/// @notice Bounded, rate-limited economic parameters, written by the timelock and read by every contract.
/// @dev Rate limit (SEC-12, SEC-13; the exact rule and its bound are in IParameterRegistry): values move inside
/// bands of width `maxDelta`; a band resets only after `period` seconds without a change, so the value moves at most
/// `maxDelta` within any `period`, whatever the calendar. A bounds change freezes `set` for the old period.
/// Reading a value is one SLOAD (`value` shares a slot with `lastChange`, `period` and `exists`).
contract ParameterRegistry is AccessControl, IParameterRegistry {
    /// @inheritdoc IParameterRegistry
    bytes32 public constant PARAMETER_ADMIN_ROLE = keccak256("PARAMETER_ADMIN_ROLE");

    mapping(bytes32 key => Parameter) private _params;
    bytes32[] private _keys;

    /// @param admin receives DEFAULT_ADMIN_ROLE and PARAMETER_ADMIN_ROLE (the deploy module hands both to
    /// the timelock and renounces them)
    constructor(address admin) {
        if (admin == address(0)) revert ParameterZeroAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PARAMETER_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IParameterRegistry
    function get(bytes32 key) external view returns (uint256) {
        Parameter storage p = _params[key];
        if (!p.exists) revert ParameterUnknown(key);
        return p.value;
    }

    /// @inheritdoc IParameterRegistry
    function getParameter(bytes32 key) external view returns (Parameter memory) {
        return _params[key];
    }

    /// @inheritdoc IParameterRegistry
    function keyCount() external view returns (uint256) {
        return _keys.length;
    }

    /// @inheritdoc IParameterRegistry
    function keyAt(uint256 index) external view returns (bytes32) {
        return _keys[index];
    }

    /// @inheritdoc IParameterRegistry
    function defineParameter(Definition calldata d) external onlyRole(PARAMETER_ADMIN_ROLE) {
        _define(d);
    }

    /// @inheritdoc IParameterRegistry
    function defineParameters(Definition[] calldata ds) external onlyRole(PARAMETER_ADMIN_ROLE) {
        for (uint256 i = 0; i < ds.length; ++i) {
            _define(ds[i]);
        }
    }

    /// @inheritdoc IParameterRegistry
    function set(bytes32 key, uint256 value) external onlyRole(PARAMETER_ADMIN_ROLE) {
        Parameter storage p = _params[key];
        if (!p.exists) revert ParameterUnknown(key);
        if (value < p.min || value > p.max) revert ParameterOutOfBounds(key, value, p.min, p.max);
        if (block.timestamp < p.frozenUntil) revert ParameterFrozen(key, p.frozenUntil);

        uint256 old = p.value;
        uint256 resetsAt = uint256(p.lastChange) + p.period;
        (uint256 low, uint256 high) = _band(p, resetsAt);
        // The band must stay within maxDelta: value in [high - maxDelta, low + maxDelta].
        uint256 maxDelta = p.maxDelta;
        uint256 allowedLow = high > maxDelta ? high - maxDelta : 0;
        uint256 allowedHigh = low + maxDelta;
        if (value < allowedLow || value > allowedHigh) {
            revert ParameterChangeTooFast(key, value, allowedLow, allowedHigh, resetsAt);
        }
        if (value < low) low = value;
        if (value > high) high = value;

        // value <= p.max, which is a uint128; low and high are values this parameter held, so they fit too.
        p.value = uint128(value);
        p.lastChange = uint64(block.timestamp);
        p.bandLow = uint128(low);
        p.bandHigh = uint128(high);
        emit ParameterChanged(key, old, value);
    }

    /// @inheritdoc IParameterRegistry
    function setBounds(
        bytes32 key,
        uint128 min,
        uint128 max,
        uint128 maxDelta,
        uint32 period
    ) external onlyRole(PARAMETER_ADMIN_ROLE) {
        Parameter storage p = _params[key];
        if (!p.exists) revert ParameterUnknown(key);
        _checkBounds(key, p.value, min, max, period);
        // The new limits apply to `set` only after the old period (never shortening an earlier freeze).
        uint256 until = block.timestamp + p.period;
        if (until > p.frozenUntil) p.frozenUntil = SafeCast.toUint64(until);
        p.min = min;
        p.max = max;
        p.maxDelta = maxDelta;
        p.period = period;
        p.lastChange = SafeCast.toUint64(block.timestamp);
        p.bandLow = p.value;
        p.bandHigh = p.value;
        emit ParameterBoundsChanged(key, min, max, maxDelta, period);
    }

    /// @dev The band of values `p` held within its period (`[bandLow, bandHigh]`), or only its value once `period`
    /// has passed without a change (every value of the old band then lies more than `period` in the past). Virtual
    /// only for the invariant suite's known-bad canary (contracts/mocks/kit/RatchetRegistry.sol); nothing overrides it.
    function _band(Parameter storage p, uint256 resetsAt) internal view virtual returns (uint256 low, uint256 high) {
        if (block.timestamp >= resetsAt) return (p.value, p.value);
        return (p.bandLow, p.bandHigh);
    }

    function _define(Definition calldata d) private {
        if (d.key == bytes32(0)) revert ParameterZeroKey();
        Parameter storage p = _params[d.key];
        if (p.exists) revert ParameterAlreadyDefined(d.key);
        _checkBounds(d.key, d.value, d.min, d.max, d.period);
        _params[d.key] = Parameter({
            value: d.value,
            lastChange: SafeCast.toUint64(block.timestamp),
            period: d.period,
            exists: true,
            min: d.min,
            max: d.max,
            maxDelta: d.maxDelta,
            bandLow: d.value,
            bandHigh: d.value,
            frozenUntil: 0
        });
        _keys.push(d.key);
        emit ParameterDefined(d.key, d.value, d.min, d.max, d.maxDelta, d.period);
    }

    function _checkBounds(bytes32 key, uint256 value, uint256 min, uint256 max, uint256 period) private pure {
        if (min > max || period == 0) revert ParameterInvalidBounds(key, min, max, period);
        if (value < min || value > max) revert ParameterOutOfBounds(key, value, min, max);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IParameterRegistry} from "../interfaces/IParameterRegistry.sol";

/// @title ParameterRegistry
/// @notice Bounded, rate-limited economic parameters, written by the timelock and read by every contract.
/// @dev Rate limit: a window opens at the first change after the previous window has elapsed, with the
/// value at that moment as `baseline`; within the window every new value must satisfy
/// `|value - baseline| <= maxDelta`. Several small changes inside one window therefore cannot add up to
/// more than `maxDelta`. Reading a value is one SLOAD (`value` shares a slot with the window fields).
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

        uint256 old = p.value;
        uint256 baseline = p.baseline;
        uint256 windowEnds = uint256(p.windowStart) + p.period;
        if (block.timestamp >= windowEnds) {
            // The previous window is over: a new one starts now, anchored at the current value.
            baseline = old;
            windowEnds = block.timestamp + p.period;
            p.windowStart = uint64(block.timestamp);
            p.baseline = uint128(old);
        }
        uint256 delta = value > baseline ? value - baseline : baseline - value;
        if (delta > p.maxDelta) revert ParameterChangeTooFast(key, baseline, value, p.maxDelta, windowEnds);

        // value <= p.max, which is a uint128.
        p.value = uint128(value);
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
        p.min = min;
        p.max = max;
        p.maxDelta = maxDelta;
        p.period = period;
        p.windowStart = SafeCast.toUint64(block.timestamp);
        p.baseline = p.value;
        emit ParameterBoundsChanged(key, min, max, maxDelta, period);
    }

    function _define(Definition calldata d) private {
        if (d.key == bytes32(0)) revert ParameterZeroKey();
        Parameter storage p = _params[d.key];
        if (p.exists) revert ParameterAlreadyDefined(d.key);
        _checkBounds(d.key, d.value, d.min, d.max, d.period);
        _params[d.key] = Parameter({
            value: d.value,
            windowStart: SafeCast.toUint64(block.timestamp),
            period: d.period,
            exists: true,
            min: d.min,
            max: d.max,
            maxDelta: d.maxDelta,
            baseline: d.value
        });
        _keys.push(d.key);
        emit ParameterDefined(d.key, d.value, d.min, d.max, d.maxDelta, d.period);
    }

    function _checkBounds(bytes32 key, uint256 value, uint256 min, uint256 max, uint256 period) private pure {
        if (min > max || period == 0) revert ParameterInvalidBounds(key, min, max, period);
        if (value < min || value > max) revert ParameterOutOfBounds(key, value, min, max);
    }
}

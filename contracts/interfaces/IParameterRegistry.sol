// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IParameterRegistry
/// @notice One governance-owned store of every economic parameter of the kit, keyed by a bytes32 name.
/// Each parameter carries a minimum, a maximum and a rate limit: within any window of `period` seconds the
/// value may drift at most `maxDelta` away from where the window started ("limits on rapid parameter
/// changes", SPEC.md). Anyone can read; only `PARAMETER_ADMIN_ROLE` (the timelock) can write.
/// @dev Powers of PARAMETER_ADMIN_ROLE: define new parameters, change values within bounds and rate, and
/// change bounds/rate (which must still contain the current value). `DEFAULT_ADMIN_ROLE` (also the
/// timelock) only manages roles.
/// Warning: a bounds change is itself not rate limited; it is a separate timelocked action, visible on
/// chain for the whole timelock delay before it can take effect.
interface IParameterRegistry {
    /// @notice Everything the registry knows about one parameter.
    /// @param value current value (unit depends on the parameter: wei, seconds or basis points)
    /// @param windowStart start of the current rate-limit window (unix seconds)
    /// @param period length of a rate-limit window in seconds
    /// @param exists true once defined
    /// @param min smallest allowed value
    /// @param max largest allowed value
    /// @param maxDelta largest allowed distance from `baseline` within one window
    /// @param baseline value at `windowStart`
    struct Parameter {
        uint128 value;
        uint64 windowStart;
        uint32 period;
        bool exists;
        uint128 min;
        uint128 max;
        uint128 maxDelta;
        uint128 baseline;
    }

    /// @notice Input of `defineParameter`/`defineParameters`.
    struct Definition {
        bytes32 key;
        uint128 value;
        uint128 min;
        uint128 max;
        uint128 maxDelta;
        uint32 period;
    }

    /// @notice The key was never defined.
    error ParameterUnknown(bytes32 key);
    /// @notice The key is already defined.
    error ParameterAlreadyDefined(bytes32 key);
    /// @notice `value` is outside `[min, max]`.
    error ParameterOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max);
    /// @notice `min > max`, or a zero period.
    error ParameterInvalidBounds(bytes32 key, uint256 min, uint256 max, uint256 period);
    /// @notice The change moves the value more than `maxDelta` from the window's baseline.
    /// @param key parameter
    /// @param baseline value at the start of the current window
    /// @param value requested value
    /// @param maxDelta allowed drift in this window
    /// @param windowEnds when a new window (and a new baseline) starts
    error ParameterChangeTooFast(bytes32 key, uint256 baseline, uint256 value, uint256 maxDelta, uint256 windowEnds);
    /// @notice The admin given to the constructor is the zero address.
    error ParameterZeroAdmin();
    /// @notice The key is the zero key.
    error ParameterZeroKey();

    /// @notice A parameter was defined.
    event ParameterDefined(
        bytes32 indexed key,
        uint256 value,
        uint256 min,
        uint256 max,
        uint256 maxDelta,
        uint256 period
    );
    /// @notice A parameter's value changed.
    event ParameterChanged(bytes32 indexed key, uint256 oldValue, uint256 newValue);
    /// @notice A parameter's bounds or rate limit changed.
    event ParameterBoundsChanged(bytes32 indexed key, uint256 min, uint256 max, uint256 maxDelta, uint256 period);

    /// @notice Role allowed to define and change parameters (the timelock).
    function PARAMETER_ADMIN_ROLE() external view returns (bytes32);

    /// @notice Current value of `key`; reverts with `ParameterUnknown` if it was never defined.
    /// @param key parameter name, e.g. `keccak256("quiver.staking.unbondingPeriod")`
    function get(bytes32 key) external view returns (uint256);

    /// @notice Full record of `key` (all zero, `exists == false`, if unknown).
    function getParameter(bytes32 key) external view returns (Parameter memory);

    /// @notice Number of defined parameters.
    function keyCount() external view returns (uint256);

    /// @notice The `index`-th defined key, in definition order.
    function keyAt(uint256 index) external view returns (bytes32);

    /// @notice Defines a new parameter. Only PARAMETER_ADMIN_ROLE.
    function defineParameter(Definition calldata d) external;

    /// @notice Defines several parameters in one call. Only PARAMETER_ADMIN_ROLE.
    function defineParameters(Definition[] calldata ds) external;

    /// @notice Sets `key` to `value`, within `[min, max]` and the window's rate limit. Only PARAMETER_ADMIN_ROLE.
    /// @dev If the current window has elapsed, a new window starts now with the current value as baseline.
    function set(bytes32 key, uint256 value) external;

    /// @notice Changes the bounds and rate limit of `key`; the current value must lie within the new bounds.
    /// Only PARAMETER_ADMIN_ROLE. Starts a new rate-limit window at the current value.
    function setBounds(bytes32 key, uint128 min, uint128 max, uint128 maxDelta, uint32 period) external;
}

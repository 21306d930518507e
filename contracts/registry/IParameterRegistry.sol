// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IParameterRegistry
/// @notice One governance-owned store of every economic parameter of the kit, keyed by a bytes32 name.
/// Each parameter carries a minimum, a maximum and a rate limit: within any `period` seconds (sliding, not
/// calendar windows) the value moves at most `maxDelta` ("limits on rapid parameter changes", SPEC.md). Anyone
/// can read; only `PARAMETER_ADMIN_ROLE` (the timelock) can write.
/// @dev Rate-limit rule (SEC-12): the values a parameter takes form "bands". A band opens at the first change made
/// `period` or more seconds after the previous change (or after the definition or the last bounds change), with
/// `bandLow = bandHigh =` the value before that change; every value set while the band is open must keep
/// `bandHigh - bandLow <= maxDelta` (the band widens to include it). Bound: for any t1 <= t2 with
/// t2 - t1 <= period, |value(t2) - value(t1)| <= maxDelta, because two changes `period` or more apart cannot both
/// fall in (t1, t2], so all values seen in that interval belong to one band.
/// Bounds changes (SEC-13): `setBounds` takes effect at once for the bounds, but `set` is refused for the old
/// `period` after it (`frozenUntil`, never shortened by a second `setBounds`), so a proposal cannot loosen the rate
/// limit and use it in the same breath; windows that start before the change keep the old bound.
/// Powers of PARAMETER_ADMIN_ROLE: define new parameters, change values within bounds and rate, and change
/// bounds/rate (which must still contain the current value). `DEFAULT_ADMIN_ROLE` (also the timelock) only manages
/// roles.
interface IParameterRegistry {
    /// @notice Everything the registry knows about one parameter.
    /// @param value current value (unit depends on the parameter: wei, seconds or basis points)
    /// @param lastChange time of the last change of the value, definition or bounds change (unix seconds)
    /// @param period rate-limit period in seconds
    /// @param exists true once defined
    /// @param min smallest allowed value
    /// @param max largest allowed value
    /// @param maxDelta largest movement within any `period` (the width of a band)
    /// @param bandLow lowest value of the current band
    /// @param bandHigh highest value of the current band
    /// @param frozenUntil `set` is refused before this time (unix seconds; after a bounds change)
    struct Parameter {
        uint128 value;
        uint64 lastChange;
        uint32 period;
        bool exists;
        uint128 min;
        uint128 max;
        uint128 maxDelta;
        uint128 bandLow;
        uint128 bandHigh;
        uint64 frozenUntil;
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
    /// @notice The change would move the value more than `maxDelta` within one `period` (SEC-12).
    /// @param key parameter
    /// @param value requested value
    /// @param low smallest value allowed now (`bandHigh - maxDelta`, floored at 0)
    /// @param high largest value allowed now (`bandLow + maxDelta`)
    /// @param bandResetsAt from this time (`lastChange + period`) a change opens a fresh band
    error ParameterChangeTooFast(bytes32 key, uint256 value, uint256 low, uint256 high, uint256 bandResetsAt);
    /// @notice `set` within the old `period` after a bounds change (SEC-13).
    /// @param key parameter
    /// @param until unix seconds from which `set` is allowed again
    error ParameterFrozen(bytes32 key, uint256 until);
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

    /// @notice Sets `key` to `value`, within `[min, max]` and the rate limit (see the contract notes). Only
    /// PARAMETER_ADMIN_ROLE. Reverts `ParameterFrozen` within the freeze after a bounds change.
    /// @dev If `period` has passed since `lastChange`, a fresh band opens at the current value first.
    function set(bytes32 key, uint256 value) external;

    /// @notice Changes the bounds and rate limit of `key`; the current value must lie within the new bounds.
    /// Only PARAMETER_ADMIN_ROLE. Opens a fresh band at the current value and freezes `set` until
    /// `max(frozenUntil, now + old period)`.
    /// @dev Warning: the new bounds apply to `set` only after the freeze; a second `setBounds` cannot shorten it.
    function setBounds(bytes32 key, uint128 min, uint128 max, uint128 maxDelta, uint32 period) external;
}

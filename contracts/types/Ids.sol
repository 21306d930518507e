// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Ids
/// @notice Value types for the ids that meet in one record, so the compiler rejects a swap (STYLE.md, "Naming":
/// value types make the compiler reject mixed units; after Uniswap v4 `src/types`). A user-defined value type
/// is ABI-encoded as its underlying type: a function, event or struct field typed `JobId` has the same selector,
/// topic and encoding as one typed `uint256` (only the ABI's `internalType` names the value type).
/// Convert at the edges: `JobId.wrap(jobId)` where a plain id enters, `JobId.unwrap(id)` where one leaves (a call
/// to an interface that still takes `uint256`).

/// @notice An InferenceMarketplace job id (1, 2, ...; 0 is never a job).
type JobId is uint256;

/// @notice A ProviderStaking slash case id.
type CaseId is uint256;

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICaesarToken} from "../ICaesarToken.sol";

/// @title ICaesarFeeDistributor
/// @notice The CAESAR fee distributor: what the token accrues to it (fees, demurrage and rounding, moved in by
/// `CaesarToken.settle`) and anything else sent to it is split 70 / 20 / 5 / 5 (agents / treasury /
/// infrastructure recipient, the stability reserve while none is set / stability reserve; shares from the
/// registry, the reserve takes the remainder and the rounding). The agents' leg joins the pot of the current epoch
/// (default 1 day) and is paid by points: each relayed transfer adds the agent's points (CaesarRewardMath), the
/// reporter scales them by the agent's accuracy for the epoch, and after the report window each agent claims
/// `pot * weighted / totalWeighted`, rounded down, in O(1). The rounding dust and the pot of an epoch without
/// points go to the stability reserve once every rewarded agent has claimed (`sweep`).
/// @dev Conservation (checked by test/caesar/invariants/distributor.inv.test.ts): received == agents leg +
/// treasury + infrastructure + reserve legs, and agents leg == paid + held + swept, with held == the sum of the
/// epochs' unpaid pots == what the distributor's balance holds for agents; no epoch pays more than its pot.
/// Powers: DEFAULT_ADMIN_ROLE (governance) grants REPORTER_ROLE and PROCESSOR_ROLE and sets the treasury and the
/// infrastructure recipient. The reporter can move rewards between agents of an epoch until its first claim, never
/// above the pot. Unclaimed rewards stay claimable forever.
interface ICaesarFeeDistributor {
    /// @notice Per-epoch totals.
    /// @param pot wei of the agents' leg distributed during the epoch
    /// @param paid wei claimed by agents
    /// @param weighted sum of the agents' points x accuracy
    /// @param rewarded agents with weighted points > 0
    /// @param claimed rewarded agents that claimed
    /// @param frozen set by the first claim or sweep: accuracy reports are closed
    /// @param swept whether the dust (or an empty epoch's pot) went to the reserve
    struct Epoch {
        uint128 pot;
        uint128 paid;
        uint256 weighted;
        uint32 rewarded;
        uint32 claimed;
        bool frozen;
        bool swept;
    }

    /// @notice An agent in an epoch.
    /// @param points raw points of the agent's relayed transfers
    /// @param accuracyBps accuracy reported (bps of 1.0), used when `reported`; 10,000 otherwise
    /// @param reported whether the reporter set the accuracy
    /// @param claimed whether the agent claimed
    struct AgentEpoch {
        uint192 points;
        uint16 accuracyBps;
        bool reported;
        bool claimed;
    }

    /// @notice A zero address where an account is required.
    error CaesarDistributorZeroAddress();
    /// @notice `epoch` is not open to claims until `opensAt` (its end plus the report window); now is `nowTime`.
    error CaesarDistributorEpochNotClaimable(uint256 epoch, uint256 nowTime, uint256 opensAt);
    /// @notice Reports for `epoch` are closed (it ended more than the report window ago, a claim froze it, or it
    /// has not started: current epoch is `current`).
    error CaesarDistributorReportClosed(uint256 epoch, uint256 current);
    /// @notice Accuracy `accuracyBps` is above 10,000.
    error CaesarDistributorAccuracyTooHigh(uint256 accuracyBps);
    /// @notice `agent` has nothing to claim for `epoch` (no weighted points, or already claimed).
    error CaesarDistributorNothingToClaim(address agent, uint256 epoch);
    /// @notice `epoch` cannot be swept: `claimed` of its `rewarded` agents claimed, or it was swept already.
    error CaesarDistributorNotSweepable(uint256 epoch, uint256 rewarded, uint256 claimed);

    /// @notice `amount` wei arrived and was split: `agents` to the pot of `epoch`, the rest paid out.
    event Distributed(
        uint256 indexed epoch,
        uint256 amount,
        uint256 agents,
        uint256 treasury,
        uint256 infra,
        uint256 reserve
    );
    /// @notice The processor credited `points` to `agent` in `epoch` (weighted by its accuracy: `weighted`).
    event PointsRecorded(address indexed agent, uint256 indexed epoch, uint256 points, uint256 weighted);
    /// @notice The reporter set `agent`'s accuracy in `epoch`.
    event AccuracyReported(address indexed agent, uint256 indexed epoch, uint256 accuracyBps);
    /// @notice `agent` claimed `amount` for `epoch`.
    event RewardClaimed(address indexed agent, uint256 indexed epoch, uint256 amount);
    /// @notice `amount` wei of `epoch` (rounding dust, or the pot of an epoch without points) went to the reserve.
    event EpochSwept(uint256 indexed epoch, uint256 amount);
    /// @notice The treasury became `treasury`.
    event TreasuryChanged(address indexed treasury);
    /// @notice The infrastructure recipient became `recipient` (address(0): its leg goes to the reserve).
    event InfraRecipientChanged(address indexed recipient);

    /// @notice Role of the reporter (appointed by governance).
    function REPORTER_ROLE() external view returns (bytes32);

    /// @notice Role of the processor contract (records points).
    function PROCESSOR_ROLE() external view returns (bytes32);

    /// @notice The CAESAR token.
    function token() external view returns (ICaesarToken);

    /// @notice Epoch length (seconds, read from the registry at deployment: epochs are numbered from then).
    function epochLength() external view returns (uint256);

    /// @notice The current epoch.
    function currentEpoch() external view returns (uint256);

    /// @notice When claims of `epoch` open: its end plus the report window (read now).
    function claimOpensAt(uint256 epoch) external view returns (uint256);

    /// @notice Totals of `epoch`.
    function epochOf(uint256 epoch) external view returns (Epoch memory);

    /// @notice `agent` in `epoch`.
    function agentEpochOf(address agent, uint256 epoch) external view returns (AgentEpoch memory);

    /// @notice What `agent` can claim for `epoch` (0 before claims open is not implied: the value at the current
    /// totals).
    function claimable(address agent, uint256 epoch) external view returns (uint256);

    /// @notice Totals since deployment: received, agents leg, paid to agents, swept to the reserve, held for agents.
    function totals()
        external
        view
        returns (uint256 received, uint256 agentsLeg, uint256 paid, uint256 swept, uint256 held);

    /// @notice Settles the token's accrual into this contract and splits every wei that arrived since the last call.
    /// Anyone.
    /// @return amount wei split
    function distribute() external returns (uint256 amount);

    /// @notice Adds `points` to `agent` in the current epoch. Only PROCESSOR_ROLE.
    function recordPoints(address agent, uint256 points) external;

    /// @notice Sets `agent`'s accuracy in `epoch` (the current one, or an ended one within the report window, until
    /// its first claim). Only REPORTER_ROLE.
    function reportAccuracy(address agent, uint256 epoch, uint256 accuracyBps) external;

    /// @notice Pays the caller's reward for `epoch`; the last rewarded claimer also sweeps the dust.
    /// @return amount wei paid
    function claim(uint256 epoch) external returns (uint256 amount);

    /// @notice Sends an epoch's unallocated wei to the reserve once every rewarded agent claimed (or none exists).
    /// Anyone, after claims open.
    /// @return amount wei swept
    function sweep(uint256 epoch) external returns (uint256 amount);

    /// @notice Sets the treasury. Admin only.
    function setTreasury(address treasury) external;

    /// @notice Sets the infrastructure recipient (address(0): the reserve). Admin only.
    function setInfraRecipient(address recipient) external;
}

package org.openchance.plugins.competitors;

/** The competitors' part of the schema: records, their place in deals, who won, and the analysis. */
final class CompetitorSdl {

    private CompetitorSdl() {}

    static final String SDL = """
            extend type Query {
              "The competitors by name; merged ones never, archived ones only when the filter asks."
              competitors(
                "Which ones."
                filter: CompetitorFilter
                "Page size: 20 when left out, 1 to 100."
                first: Int
                "The endCursor of the previous page."
                after: String
              ): CompetitorConnection! @policy(allow: EMPLOYEE)
              "One competitor by ID; a merged one answers as the one it was merged into; null when there is none."
              competitor("A Competitor ID." id: ID!): Competitor @policy(allow: EMPLOYEE)
              "Closed deals the user may see, closed from `from` to `to`, grouped by one dimension: wins, losses, win rate with its 95 % Wilson interval, amounts in the reporting currency, average sales cycle. A deal with two reasons (or three competitors) counts in each of their rows."
              winLossAnalysis(
                "First close date counted."
                from: Date!
                "Last close date counted."
                to: Date!
                "What the rows are."
                groupBy: WinLossDimension!
                "Only some deals."
                filter: WinLossFilter
                "The figures as they stood at the end of that day (UTC): the deals closed by then, with the outcome, close date, reasons, winner, amount, owner and pipeline of then, the competitors put into them by then and the discounts of then. Left out: as they are now."
                asOf: Date
              ): [WinLossRow!]! @policy(allow: EMPLOYEE) @cost(weight: 500)
            }

            extend type Mutation {
              "Records a competitor. Errors: VALIDATION (e.g. a name that exists after folding case, umlauts and spaces: ACME GmbH and Acme GmbH are one)."
              createCompetitor("The new competitor." input: CreateCompetitorInput!): CompetitorPayload! @policy(allow: EMPLOYEE_WRITE)
              "Changes a competitor: the fields given are set (null clears), the others stay. Errors: VALIDATION, NOT_FOUND, VERSION_CONFLICT."
              updateCompetitor("What changes." input: UpdateCompetitorInput!): CompetitorPayload! @policy(allow: EMPLOYEE_WRITE)
              "Archives a competitor (or brings it back): kept with its deals and closes, no longer offered for new deals."
              archiveCompetitor("Which one." input: ArchiveCompetitorInput!): CompetitorPayload! @policy(allow: ADMIN)
              "Merges a duplicate (source) into the competitor that stays (target): every deal link moves over, closes that named the source count for the target, both histories say so. Errors: VALIDATION (into itself), NOT_FOUND, VERSION_CONFLICT."
              mergeCompetitors("The two competitors." input: MergeCompetitorsInput!): CompetitorPayload! @policy(allow: ADMIN)
              "Puts a competitor into a deal. Needs edit access to the deal (NOT_FOUND when not visible, FORBIDDEN when read-only); VALIDATION when it is there already or archived."
              addOpportunityCompetitor("The deal, the competitor and what is known." input: AddOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
              "Changes what is known of a competitor in a deal: the fields given are set. Errors as addOpportunityCompetitor, plus VERSION_CONFLICT."
              updateOpportunityCompetitor("What changes." input: UpdateOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
              "Takes a competitor out of a deal; the payload shows the link as it was."
              removeOpportunityCompetitor("Which link." input: RemoveOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
            }

            extend type Opportunity {
              "The competitors in this deal, in the order they were added."
              competitors: [OpportunityCompetitor!]!
            }

            extend type CloseDetails {
              "The competitor who won a lost deal (after merges, the one it became); null when none was named or the close says NO_DECISION, UNKNOWN or NONE."
              winningCompetitor: Competitor
            }

            "A company we compete with; node(id) finds it (employees; partners meet competitors in their deals, by name)."
            type Competitor implements Node {
              "The competitor's ID."
              id: ID!
              "The name; unique after folding case, umlauts and spaces."
              name: String!
              "Their web site."
              website: String
              "What they are and do; null for partners."
              description: String
              "SWOT: their strengths; null for partners."
              strengths: String
              "SWOT: their weaknesses; null for partners."
              weaknesses: String
              "SWOT: the opportunities they have; null for partners."
              opportunities: String
              "SWOT: the threats they face; null for partners."
              threats: String
              "Their typical price against ours."
              pricePosition: PricePosition
              "Products and other tags; empty for partners."
              tags: [String!]!
              "Whether it is archived (kept, not offered for new deals)."
              archived: Boolean!
              "Changes with every update."
              version: Int!
              "When it was recorded."
              createdAt: DateTime!
              "When it last changed."
              updatedAt: DateTime!
              "What happened to the record (created, updated, archived, merged), newest first; empty for partners."
              history("At most this many: 20 when left out, 1 to 100." first: Int): [CompetitorChange!]!
              "Us against them in the deals closed from `from` to `to` that the user may see; null for partners (who see competitors in their deals, not the company's analysis of them)."
              headToHead(
                "First close date counted."
                from: Date!
                "Last close date counted."
                to: Date!
                "As they stood at the end of that day (UTC), as in winLossAnalysis; left out: now."
                asOf: Date
              ): HeadToHead
              "What a salesperson needs before meeting them: SWOT, the latest deals won and lost against them, the reasons we lose (closes of the last five years the user may see); null for partners."
              battlecard("As it stood at the end of that day (UTC): the five years before it; left out: now." asOf: Date): Battlecard
            }

            "One page of competitors."
            type CompetitorConnection {
              "The competitors of this page."
              edges: [CompetitorEdge!]!
              "Where this page ends."
              pageInfo: PageInfo!
              "How many match the filter."
              totalCount: Int!
            }
            "A competitor in a page."
            type CompetitorEdge {
              "Where it is in the list."
              cursor: String!
              "The competitor."
              node: Competitor!
            }
            "Which competitors to list."
            input CompetitorFilter {
              "Part of the name (case, umlauts and spaces folded)."
              query: String
              "Only those with this tag (ignoring case)."
              tag: String
              "Archived ones too: false when left out."
              includeArchived: Boolean
            }

            "A change to a competitor record."
            type CompetitorChange {
              "created, updated, archived, restored or merged."
              change: String!
              "What changed, e.g. which competitor was merged into which."
              detail: String
              "The ID of the user who made it."
              changedBy: ID
              "When."
              changedAt: DateTime!
            }

            "A price against ours."
            enum PricePosition {
              "Cheaper than we are."
              LOWER
              "About our price."
              SIMILAR
              "Dearer than we are."
              HIGHER
            }
            "How far a competitor is in a deal."
            enum CompetitorStatus {
              "Still competing."
              IN_PLAY
              "Out of the race."
              ELIMINATED
              "Won the deal."
              WON
              "Lost the deal."
              LOST
            }
            "How dangerous a competitor is in a deal."
            enum ThreatLevel {
              "Little danger."
              LOW
              "Some danger."
              MEDIUM
              "Could take the deal."
              HIGH
            }

            "A competitor in one deal."
            type OpportunityCompetitor {
              "The competitor."
              competitor: Competitor!
              "How far they are in this deal."
              status: CompetitorStatus!
              "How dangerous they are here."
              threatLevel: ThreatLevel
              "Whether they are the customer's current supplier."
              incumbent: Boolean!
              "What they offered, when known."
              price: Money
              "Their price against ours in this deal."
              pricePosition: PricePosition
              "Their strengths in this deal."
              strengths: String
              "Their weaknesses in this deal."
              weaknesses: String
              "Notes."
              note: String
              "Changes with every update of the link."
              version: Int!
            }

            "A new competitor."
            input CreateCompetitorInput {
              "The name: 1 to 200 characters, not taken after folding."
              name: String!
              "An http(s) address."
              website: String
              "What they are and do."
              description: String
              "SWOT: strengths."
              strengths: String
              "SWOT: weaknesses."
              weaknesses: String
              "SWOT: opportunities."
              opportunities: String
              "SWOT: threats."
              threats: String
              "Their typical price against ours."
              pricePosition: PricePosition
              "Products and other tags: at most 50, each 1 to 100 characters."
              tags: [String!]
            }
            "A change of a competitor: the fields given are set (null clears), the others stay."
            input UpdateCompetitorInput {
              "Which competitor."
              id: ID!
              "The version the change was made on."
              expectedVersion: Int!
              "A new name (not null)."
              name: String
              "An http(s) address."
              website: String
              "What they are and do."
              description: String
              "SWOT: strengths."
              strengths: String
              "SWOT: weaknesses."
              weaknesses: String
              "SWOT: opportunities."
              opportunities: String
              "SWOT: threats."
              threats: String
              "Their typical price against ours."
              pricePosition: PricePosition
              "Products and other tags, replacing the old ones."
              tags: [String!]
            }
            "Archiving a competitor."
            input ArchiveCompetitorInput {
              "Which competitor."
              id: ID!
              "The version the change was made on."
              expectedVersion: Int!
              "false brings an archived one back; true when left out."
              archived: Boolean
            }
            "Merging a duplicate into the competitor that stays."
            input MergeCompetitorsInput {
              "The competitor that stays."
              targetId: ID!
              "Its version."
              targetExpectedVersion: Int!
              "The duplicate that goes."
              sourceId: ID!
              "Its version."
              sourceExpectedVersion: Int!
            }
            "The result of a change of a competitor."
            type CompetitorPayload {
              "The competitor as saved; null when the change failed."
              competitor: Competitor
              "Why it failed; empty on success. Nothing is saved when there are errors."
              errors: [UserError!]!
            }

            "A competitor put into a deal."
            input AddOpportunityCompetitorInput {
              "The deal (an Opportunity ID)."
              opportunityId: ID!
              "The competitor."
              competitorId: ID!
              "IN_PLAY when left out."
              status: CompetitorStatus
              "How dangerous they are here."
              threatLevel: ThreatLevel
              "Whether they are the customer's current supplier: false when left out."
              incumbent: Boolean
              "What they offered."
              price: MoneyInput
              "Their price against ours in this deal."
              pricePosition: PricePosition
              "Their strengths in this deal."
              strengths: String
              "Their weaknesses in this deal."
              weaknesses: String
              "Notes."
              note: String
            }
            "A change of a competitor in a deal: the fields given are set (null clears), the others stay."
            input UpdateOpportunityCompetitorInput {
              "The deal."
              opportunityId: ID!
              "The competitor."
              competitorId: ID!
              "The link's version the change was made on."
              expectedVersion: Int!
              "How far they are (not null)."
              status: CompetitorStatus
              "How dangerous they are here."
              threatLevel: ThreatLevel
              "Whether they are the current supplier."
              incumbent: Boolean
              "What they offered."
              price: MoneyInput
              "Their price against ours in this deal."
              pricePosition: PricePosition
              "Their strengths in this deal."
              strengths: String
              "Their weaknesses in this deal."
              weaknesses: String
              "Notes."
              note: String
            }
            "A competitor taken out of a deal."
            input RemoveOpportunityCompetitorInput {
              "The deal."
              opportunityId: ID!
              "The competitor."
              competitorId: ID!
            }
            "The result of a change of a competitor in a deal."
            type OpportunityCompetitorPayload {
              "The link as saved (as it was, for a removal); null when the change failed."
              opportunityCompetitor: OpportunityCompetitor
              "Why it failed; empty on success. Nothing is saved when there are errors."
              errors: [UserError!]!
            }

            "What win/loss rows are."
            enum WinLossDimension {
              "The close reasons (a deal counts once per reason)."
              REASON
              "The competitors in the deal (linked, or the one it was lost to)."
              COMPETITOR
              "The deal's owner."
              OWNER
              "The account's industry."
              INDUSTRY
              "The stage a lost deal was in (lost deals only)."
              STAGE_LOST_AT
              "The pipeline."
              PIPELINE
              "The account's employees, in bands: 1-9, 10-49, 50-249, 250-999, 1000-4999, 5000+."
              COMPANY_SIZE
              "The source of the lead the deal came from."
              LEAD_SOURCE
              "The quarter of the close date, e.g. 2026-Q3 (oldest first)."
              QUARTER
            }
            "Which closed deals a win/loss analysis counts."
            input WinLossFilter {
              "Only these pipelines."
              pipelineIds: [ID!]
              "Only deals of these owners."
              ownerIds: [ID!]
              "Only deals these competitors were in."
              competitorIds: [ID!]
            }
            "One row of a win/loss analysis."
            type WinLossRow {
              "What the row groups by: a reason, an ID, a band, a quarter; NONE or UNKNOWN for deals without one."
              key: String!
              "The row's name for people."
              label: String!
              "Deals in the row: wins + losses."
              deals: Int!
              "Won deals."
              wins: Int!
              "Lost deals."
              losses: Int!
              "wins / deals."
              winRate: Float
              "Lower end of the 95 % Wilson interval of the win rate."
              winRateLow: Float
              "Upper end of the 95 % Wilson interval of the win rate."
              winRateHigh: Float
              "Won amounts in the reporting currency (each at the rate of its close date)."
              wonAmount: Money!
              "Lost amounts in the reporting currency."
              lostAmount: Money!
              "Deals left out of the amounts: without an amount, or with no rate for their currency on the close date."
              notConvertedCount: Int!
              "Average days from creation to close."
              averageCycleDays: Float
              "Deals in the row with a quoted discount: that of their latest sent or accepted quote (from the quotes plugin)."
              quotedDeals: Int!
              "The average of those discounts in percent of the quotes' undiscounted prices, to 2 decimals; null when no deal of the row has one."
              averageDiscount: Float
              "The part of all counted deals in this row (for STAGE_LOST_AT, of the lost ones); rows of deals with several values add up to more than 1."
              share: Float!
              "Fewer deals than the plugin's minimum (setting min-deals, 10): the rate says little."
              tooFewDeals: Boolean!
            }
            "Us against one competitor."
            type HeadToHead {
              "Closed deals they were in."
              deals: Int!
              "Of those, won by us."
              wins: Int!
              "Of those, lost (to them or to another)."
              losses: Int!
              "Lost to them."
              lostToThem: Int!
              "Lost to someone else (or to no decision) while they were in."
              lostToOthers: Int!
              "wins / deals."
              winRate: Float
              "Lower end of the 95 % Wilson interval."
              winRateLow: Float
              "Upper end of the 95 % Wilson interval."
              winRateHigh: Float
              "What we lost to them, in the reporting currency."
              amountLostToThem: Money!
              "The stages where we lose to them, most first."
              lostAtStages: [StageCount!]!
              "Their price against ours in these deals, where someone recorded it."
              pricePositions: [PricePositionCount!]!
              "The same per quarter of the close date, oldest first."
              quarters: [HeadToHeadQuarter!]!
            }
            "How many deals were lost at a stage."
            type StageCount {
              "The stage's name."
              stage: String!
              "Deals."
              count: Int!
            }
            "How often a price position was recorded."
            type PricePositionCount {
              "LOWER, SIMILAR or HIGHER."
              position: String!
              "Deals."
              count: Int!
            }
            "Us against one competitor in one quarter."
            type HeadToHeadQuarter {
              "e.g. 2026-Q3."
              quarter: String!
              "Closed deals they were in."
              deals: Int!
              "Won by us."
              wins: Int!
              "Lost."
              losses: Int!
              "wins / deals."
              winRate: Float
              "Lower end of the 95 % Wilson interval."
              winRateLow: Float
              "Upper end of the 95 % Wilson interval."
              winRateHigh: Float
            }
            "What a salesperson needs before meeting a competitor."
            type Battlecard {
              "Their strengths."
              strengths: String
              "Their weaknesses."
              weaknesses: String
              "Their typical price against ours."
              pricePosition: PricePosition
              "The latest deals we won against them, newest first (at most 5)."
              recentWins: [ClosedDeal!]!
              "The latest deals we lost to them, newest first (at most 5)."
              recentLosses: [ClosedDeal!]!
              "Why we lose when they are in the deal, most common first."
              lossReasons: [ReasonCount!]!
            }
            "A closed deal in a battlecard."
            type ClosedDeal {
              "The opportunity's ID."
              opportunityId: ID!
              "Its name."
              name: String!
              "When it closed."
              closedAt: Date!
              "Its amount in the reporting currency, when known."
              amount: Money
            }
            "How often a reason was given."
            type ReasonCount {
              "The reason."
              reason: String!
              "Deals."
              count: Int!
            }
                        """;
}

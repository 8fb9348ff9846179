package org.openchance.plugins.quotes;

/** The quotes' part of the schema (the catalogue's is in {@link CatalogueSchema}). */
final class QuoteSdl {

    private QuoteSdl() {}

    static final String SDL = """
            extend type Query {
              "A quote by ID, if the user may see its opportunity; null otherwise."
              quote("A Quote ID." id: ID!): Quote @policy(allow: SIGNED_IN)
              "Quotes of the opportunities the user may see, newest number first (each number's revisions newest first)."
              quotes(
                "Which ones."
                filter: QuoteFilter
                "Page size: 20 when left out, 1 to 100."
                first: Int
                "The endCursor of the previous page."
                after: String
              ): QuoteConnection! @policy(allow: SIGNED_IN)
            }

            extend type Mutation {
              "Makes a draft quote from an open opportunity: its account, primary contact, currency and owner; the account's own price list valid today (else a general one) unless one is given; valid for the configured days (setting valid-days, 30). Needs edit access to the deal. Errors: NOT_FOUND, FORBIDDEN, VALIDATION, INVALID_TRANSITION (a closed deal)."
              createQuote("The opportunity and what differs from its defaults." input: CreateQuoteInput!): QuotePayload! @policy(allow: WRITE)
              "Changes a draft's header: the fields given are set. Errors: VALIDATION, NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_TRANSITION (not a draft)."
              updateQuote("What changes." input: UpdateQuoteInput!): QuotePayload! @policy(allow: WRITE)
              "Adds a line to a draft: a product (name, unit, tax rate from it, the price from the quote's list for the quantity unless given) or free text. Errors as updateQuote."
              addQuoteLine("The line." input: AddQuoteLineInput!): QuotePayload! @policy(allow: WRITE)
              "Changes a line of a draft: the fields given are set; a new quantity of a listed product takes the list's price for it unless a price is given."
              updateQuoteLine("What changes." input: UpdateQuoteLineInput!): QuotePayload! @policy(allow: WRITE)
              "Removes a line of a draft; the lines after it move up."
              removeQuoteLine("Which line." input: RemoveQuoteLineInput!): QuotePayload! @policy(allow: WRITE)
              "Moves a line of a draft to a position; the others close up."
              moveQuoteLine("Which line, where to." input: MoveQuoteLineInput!): QuotePayload! @policy(allow: WRITE)
              "Sends a draft: frozen from now on, its document rendered and stored (what pdfUrl answers from then on), a MATERIAL activity logged on the deal, quote.sent published. Sending e-mail is left to integrations listening to that event."
              sendQuote("Which quote." input: QuoteTransitionInput!): QuotePayload! @policy(allow: WRITE)
              "Makes the next revision of a sent, rejected or expired quote as a new draft with the same number and lines; the old revision becomes SUPERSEDED."
              reviseQuote("Which quote." input: QuoteTransitionInput!): QuotePayload! @policy(allow: WRITE)
              "The customer accepted a sent, still valid quote: the opportunity's amount becomes its net total (history, events), closed won in the same step when asked; at most one accepted quote per opportunity. Errors: INVALID_TRANSITION (not sent, superseded, expired, another accepted, the deal closed), VERSION_CONFLICT, NOT_FOUND, FORBIDDEN."
              acceptQuote("Which quote, and whether the deal closes." input: AcceptQuoteInput!): QuotePayload! @policy(allow: WRITE)
              "The customer rejected a sent quote."
              rejectQuote("Which quote, and why." input: RejectQuoteInput!): QuotePayload! @policy(allow: WRITE)
            }

            extend type Opportunity {
              "Every revision of every quote made from this deal, newest first."
              quotes: [Quote!]!
              "The accepted quote: the one whose net total the deal's amount follows; null when none is accepted."
              syncedQuote: Quote
            }

            "Where a quote is in its life."
            enum QuoteStatus {
              "Being written: lines and header change."
              DRAFT
              "Sent to the customer: frozen, its document stored."
              SENT
              "The customer accepted it."
              ACCEPTED
              "The customer rejected it."
              REJECTED
              "Sent and not answered before its valid-until date."
              EXPIRED
              "A later revision replaced it."
              SUPERSEDED
            }

            "An offer to the customer of an opportunity; node(id) finds it."
            type Quote implements Node {
              "The quote's (this revision's) ID."
              id: ID!
              "Gap-free per year, e.g. Q-2026-00042; every revision keeps it."
              number: String!
              "1 for the first version, counting up with reviseQuote."
              revision: Int!
              "Where it is."
              status: QuoteStatus!
              "Every amount is in this currency (the opportunity's)."
              currency: String!
              "The opportunity it was made from."
              opportunityId: ID!
              "The customer's contact person; null when none."
              contactId: ID
              "The price list its product lines are priced from; null for free prices."
              priceListId: ID
              "The positions in order, optional ones included."
              lines: [QuoteLine!]!
              "The sum of the non-optional lines' net amounts."
              subtotal: Money!
              "The discount on the whole quote in percent."
              discountPercent: Decimal!
              "What the quote discount takes off the subtotal."
              discountAmount: Money!
              "subtotal − discountAmount: what the deal's amount becomes on acceptance."
              netTotal: Money!
              "The tax per rate, on the discounted net of its lines."
              taxes: [QuoteTax!]!
              "netTotal plus the taxes."
              total: Money!
              "The optional lines' net amounts together: what the customer may add."
              optionalTotal: Money!
              "The customer may accept it up to this day."
              validUntil: Date!
              "de or en: the document's language (from the account's country unless set)."
              language: String!
              "The address block: the company's name first."
              customerAddress: String
              "The contact person's name as printed."
              contactName: String
              "What it is for, printed under the title (the opportunity's name unless set)."
              subject: String
              "The text before the lines; a standard greeting when null."
              introduction: String
              "Payment and delivery terms, printed after the totals."
              terms: String
              "The renderer that makes its document (pdf-standard unless a partner's is chosen)."
              template: String!
              "Why the customer rejected it."
              rejectReason: String
              "When it was sent."
              sentAt: DateTime
              "When it was accepted, rejected or expired."
              decidedAt: DateTime
              "GET it, signed in: the stored document of a sent quote, a preview marked DRAFT of a draft."
              pdfUrl: String!
              "Changes with every change."
              version: Int!
              "When this revision was made."
              createdAt: DateTime!
              "When it last changed."
              updatedAt: DateTime!
            }
            "A position of a quote."
            type QuoteLine {
              "The line's ID (for updateQuoteLine, removeQuoteLine, moveQuoteLine)."
              id: ID!
              "1, 2, 3 ...: how the customer refers to it."
              position: Int!
              "The product; null for a free-text line."
              product: Product
              "The product's SKU when the line was made."
              sku: String
              "The product's name when the line was made, or the free text's first line."
              name: String!
              "Longer text."
              description: String
              "How many: at most 4 decimals."
              quantity: Decimal!
              "What a quantity counts."
              unit: String!
              "Per unit."
              unitPrice: Money!
              "Off this line, in percent."
              discountPercent: Decimal!
              "In percent."
              taxRate: Decimal!
              "The customer may choose it; not in the totals."
              optional: Boolean!
              "quantity × unitPrice × (1 − discountPercent / 100), rounded half up to the currency's minor unit."
              netAmount: Money!
            }
            "The tax at one rate."
            type QuoteTax {
              "In percent, e.g. 19."
              rate: Decimal!
              "The discounted net of the lines at this rate."
              base: Money!
              "base × rate / 100, rounded half up once per rate."
              amount: Money!
            }
            "Which quotes."
            input QuoteFilter {
              "Only this opportunity's."
              opportunityId: ID
              "Only these statuses."
              status: [QuoteStatus!]
            }
            "A page of quotes."
            type QuoteConnection {
              "The quotes with their cursors."
              edges: [QuoteEdge!]!
              "Where the page is."
              pageInfo: PageInfo!
            }
            "A quote and its cursor."
            type QuoteEdge {
              "Pass as after for the quotes after this one."
              cursor: String!
              "The quote."
              node: Quote!
            }
            "A new quote: the opportunity, and what differs from what it gives."
            input CreateQuoteInput {
              "The open opportunity it is for."
              opportunityId: ID!
              "The price list (in the opportunity's currency, valid today)."
              priceListId: ID
              "Up to this day; not in the past."
              validUntil: Date
              "One of the opportunity's contacts; its primary contact when left out."
              contactId: ID
              "de or en; from the account's country when left out."
              language: String
              "The address block; the account's name and country when left out."
              customerAddress: String
              "What it is for; the opportunity's name when left out."
              subject: String
              "The text before the lines."
              introduction: String
              "Payment and delivery terms; the configured ones (setting terms.de / terms.en) when left out."
              terms: String
              "Off the whole quote, in percent."
              discountPercent: Decimal
              "The renderer's id; pdf-standard when left out."
              template: String
              "Lines to start with, saved with the quote or not at all."
              lines: [NewQuoteLineInput!]
            }
            "A line of a new quote."
            input NewQuoteLineInput {
              "A product of the catalogue; without one, a free-text line."
              productId: ID
              "The line's short text; the product's name, or the description's first line, when left out."
              name: String
              "Longer text."
              description: String
              "Above 0, at most 4 decimals."
              quantity: Decimal!
              "What a quantity counts; the product's unit (or setting default-unit, pc) when left out."
              unit: String
              "Per unit; the price list's price for the quantity when left out."
              unitPrice: Decimal
              "Off this line, 0 to 100."
              discountPercent: Decimal
              "0 to 100; the product's (or setting default-tax-rate, 19) when left out."
              taxRate: Decimal
              "The customer may choose it."
              optional: Boolean
            }
            "Changes of a draft's header."
            input UpdateQuoteInput {
              "The quote."
              id: ID!
              "The version the change was made on."
              expectedVersion: Int!
              "New valid-until day."
              validUntil: Date
              "Another of the opportunity's contacts; null for none."
              contactId: ID
              "de or en."
              language: String
              "New address block (null clears)."
              customerAddress: String
              "New subject (null clears)."
              subject: String
              "New introduction (null: the standard greeting)."
              introduction: String
              "New terms (null clears)."
              terms: String
              "New quote discount in percent."
              discountPercent: Decimal
              "Another renderer."
              template: String
            }
            "A new line of a draft."
            input AddQuoteLineInput {
              "The draft."
              quoteId: ID!
              "Its version the change was made on."
              expectedVersion: Int!
              "Where it goes; at the end when left out."
              position: Int
              "A product of the catalogue; without one, a free-text line."
              productId: ID
              "The line's short text."
              name: String
              "Longer text."
              description: String
              "Above 0, at most 4 decimals."
              quantity: Decimal!
              "What a quantity counts."
              unit: String
              "Per unit; the price list's price for the quantity when left out."
              unitPrice: Decimal
              "Off this line, 0 to 100."
              discountPercent: Decimal
              "0 to 100."
              taxRate: Decimal
              "The customer may choose it."
              optional: Boolean
            }
            "Changes of a line."
            input UpdateQuoteLineInput {
              "The line."
              id: ID!
              "The quote's version the change was made on."
              expectedVersion: Int!
              "New short text."
              name: String
              "New longer text (null clears)."
              description: String
              "New quantity."
              quantity: Decimal
              "New unit."
              unit: String
              "New price per unit."
              unitPrice: Decimal
              "New discount."
              discountPercent: Decimal
              "New tax rate."
              taxRate: Decimal
              "Optional or not."
              optional: Boolean
            }
            "A line to remove."
            input RemoveQuoteLineInput {
              "The line."
              id: ID!
              "The quote's version the change was made on."
              expectedVersion: Int!
            }
            "A line to move."
            input MoveQuoteLineInput {
              "The line."
              id: ID!
              "The quote's version the change was made on."
              expectedVersion: Int!
              "1 to the number of lines."
              position: Int!
            }
            "A step in a quote's life."
            input QuoteTransitionInput {
              "The quote."
              id: ID!
              "The version the step was taken on."
              expectedVersion: Int!
            }
            "An acceptance."
            input AcceptQuoteInput {
              "The quote."
              id: ID!
              "The version the step was taken on."
              expectedVersion: Int!
              "Also closes the opportunity as won."
              closeOpportunity: Boolean
            }
            "A rejection."
            input RejectQuoteInput {
              "The quote."
              id: ID!
              "The version the step was taken on."
              expectedVersion: Int!
              "Why, in the customer's words."
              reason: String
            }
            "The quote, or why not."
            type QuotePayload {
              "The quote as saved (for reviseQuote, the new revision); null when refused."
              quote: Quote
              "What was wrong; empty when saved."
              errors: [UserError!]!
            }
            """;
}

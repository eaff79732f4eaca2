// The GraphQL operations the benchmark measures.

/**
 * The docket list a secretariat runs most: a page of disputes with their parties, stage and next
 * deadline, filtered and paginated.
 */
export const DOCKET_LIST = `query DocketList($filter: DisputeFilter, $first: Int, $after: String) {
  disputes(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        docketNumber
        title
        stage
        stageLabel
        urgent
        filedAt
        parties { kind joinedAt member { code name } }
        nextDeadline { rule article binds dueDate status }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A dispute's page: the dispute, its parties and deadlines, and pages of its docket and documents. */
export const DISPUTE_PAGE = `query DisputePage($id: ID!, $first: Int!) {
  dispute(id: $id) {
    id
    docketNumber
    title
    stage
    stageLabel
    filedAt
    parties { kind member { code name } }
    deadlines { rule dueDate status }
    docket(first: $first) {
      edges { cursor node { seq kind actorRole occurredAt text } }
      pageInfo { hasNextPage endCursor }
    }
    documents(first: $first) {
      nodes { id kind title classification filedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

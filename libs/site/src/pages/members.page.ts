import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';

const QUERY = `query PublicMembers($first: Int!, $after: String) {
  members(first: $first, after: $after) {
    nodes { code name status }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface MembersData {
  members: {
    nodes: { code: string; name: string; status: 'ACTIVE' | 'SUSPENDED' }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The members, by code, each linking to its record; a hundred a page. */
export function membersPage(after: string | null): PageSpec<MembersData> {
  return {
    query: QUERY,
    variables: { first: 100, after },
    render: ({ data, t, language }: PageContext<MembersData>) => ({
      title: t('site.nav.members'),
      body: html`<p>${t('reputation.members.intro')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('reputation.col.code')}</th>
              <th scope="col">${t('reputation.col.member')}</th>
              <th scope="col">${t('reputation.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${data.members.nodes.map(
              (m) =>
                html`<tr>
                  <td>${m.code}</td>
                  <td><a href="${href(language, `/members/${m.code}`)}">${m.name}</a></td>
                  <td>${t(`reputation.memberStatus.${m.status}`)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          data.members.pageInfo.hasNextPage && data.members.pageInfo.endCursor
            ? html`<p><a rel="next" href="${href(language, '/members', { after: data.members.pageInfo.endCursor })}">${t('reputation.members.next')}</a></p>`
            : null
        }`,
    }),
  };
}

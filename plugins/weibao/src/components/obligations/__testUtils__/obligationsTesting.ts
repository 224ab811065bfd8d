import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { ObligationOccurrenceList } from '@weibao/plugin-weibao-common';
import { setupWeibaoServer, WEIBAO_BASE_URL } from '../../../__testUtils__';

/** Typing without pauses between keys: the dialogs' texts are long. */
export const user = userEvent.setup({ delay: null });

/** Types a text at once into a field (as pasting it): typing key by key is slow on multiline fields. */
export async function fill(field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** msw handlers for the tests of obligations, on a test file's server. */
export function obligationsTesting(
  server: ReturnType<typeof setupWeibaoServer>,
) {
  /** Serves the list; counts the calls and records their query strings. */
  function serveList(answers: ObligationOccurrenceList[]) {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(
          answers[Math.min(queries.length - 1, answers.length - 1)],
        );
      }),
    );
    return queries;
  }

  /** Answers `POST /obligations/:id/complete` or `…/waive` with `answer`; records the body sent. */
  function answerAction(
    id: string,
    action: 'complete' | 'waive',
    answer: () => Response,
  ) {
    const sent: { body?: any } = {};
    server.use(
      http.post(
        `${WEIBAO_BASE_URL}/obligations/${id}/${action}`,
        async ({ request }) => {
          sent.body = await request.json();
          return answer();
        },
      ),
    );
    return sent;
  }

  return { serveList, answerAction };
}

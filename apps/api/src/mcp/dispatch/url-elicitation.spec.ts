import { declaresUrlElicitation, urlElicitationRequired } from './url-elicitation';

describe('URL-mode elicitation', () => {
  it('counts only a declared url mode', () => {
    expect(declaresUrlElicitation({ elicitation: { url: {} } })).toBe(true);
    expect(declaresUrlElicitation({ elicitation: { form: {}, url: {} } })).toBe(true);
    // An empty elicitation capability is form mode only (backwards compatibility).
    expect(declaresUrlElicitation({ elicitation: {} })).toBe(false);
    expect(declaresUrlElicitation({ elicitation: { form: {} } })).toBe(false);
    expect(declaresUrlElicitation({ elicitation: { url: true } })).toBe(false);
    expect(declaresUrlElicitation({})).toBe(false);
    expect(declaresUrlElicitation(null)).toBe(false);
  });

  it('answers -32042 with one url elicitation carrying its id, URL and message', () => {
    const link = {
      elicitationId: 'abc.def',
      url: 'https://console.example/account/clickup?elicitation=abc.def',
      message: 'Link it',
    };
    expect(urlElicitationRequired(7, link)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32042,
        message: 'Link it',
        data: {
          elicitations: [{ mode: 'url', elicitationId: 'abc.def', url: link.url, message: 'Link it' }],
        },
      },
    });
  });
});

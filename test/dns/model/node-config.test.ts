import { parseYamlDocuments } from '../../../src/core/yaml';
import { MIME_BOUNDARY, nodeConfigObject, renderMimeUserData, renderNodeConfig } from '../../../src/dns/model/node-config';

describe('node config', () => {
  test('the rendered NodeConfig parses to the NodeConfig object', () => {
    const m = { clusterDns: ['169.254.20.10'], cluster: { name: 'prod', apiServerEndpoint: 'https://x.eks.amazonaws.com', certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' } };
    expect(parseYamlDocuments(renderNodeConfig(m))).toEqual([nodeConfigObject(m)]);
  });

  test('IPv6 addresses are quoted where YAML needs it', () => {
    expect(parseYamlDocuments(renderNodeConfig({ clusterDns: ['fd00::10'] }))[0].spec.kubelet.config.clusterDNS).toEqual(['fd00::10']);
  });

  test('MIME user data layout', () => {
    expect(renderMimeUserData([{ contentType: 'text/x-shellscript', content: '#!/bin/sh\necho hi\n' }])).toBe([
      'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`, '',
      `--${MIME_BOUNDARY}`, 'Content-Type: text/x-shellscript', '', '#!/bin/sh', 'echo hi', '',
      `--${MIME_BOUNDARY}--`, '',
    ].join('\n'));
  });

  test('fails when a part contains the boundary', () => {
    expect(() => renderMimeUserData([{ contentType: 'text/plain', content: `x --${MIME_BOUNDARY}` }])).toThrow(/contains the MIME boundary/);
  });
});

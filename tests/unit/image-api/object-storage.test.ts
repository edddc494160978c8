import { ObjectStorage } from '../../../src/image-api/object-storage';

const settings = { endpoint: 'http://s3:9000', region: 'eu-west-1', accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

describe('ObjectStorage.presignGet', () => {
  it('signs URLs for the endpoint it talks to by default', async () => {
    const storage = new ObjectStorage({ ...settings, publicEndpoint: settings.endpoint });
    const url = new URL(await storage.presignGet('test-uploads', 'a/b.jpg', 60));
    storage.close();
    expect(url.origin).toBe('http://s3:9000');
    expect(url.pathname).toBe('/test-uploads/a/b.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
  });

  it('signs URLs for the public endpoint when clients reach S3 by another address', async () => {
    const storage = new ObjectStorage({ ...settings, publicEndpoint: 'http://localhost:9000' });
    const url = new URL(await storage.presignGet('test-uploads', 'a.jpg', 60));
    storage.close();
    expect(url.origin).toBe('http://localhost:9000');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^test-key\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
  });
});

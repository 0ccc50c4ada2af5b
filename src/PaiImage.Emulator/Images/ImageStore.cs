namespace PaiImage.Emulator.Images;

/// <summary>All images of one emulator; every change is saved to the state file (when there is one) before it is visible.</summary>
internal sealed class ImageStore
{
    private readonly Lock _gate = new();
    private readonly StateFile? _file;
    private List<StoredImage> _images = [];
    private long _nextSequence = 1;

    public ImageStore(StateFile? file)
    {
        _file = file;
        var loaded = file?.Load();
        if (loaded is not null)
        {
            _images = [.. loaded.Images];
            _nextSequence = Math.Max(loaded.NextSequence, _images.Select(i => i.Sequence + 1).DefaultIfEmpty(1).Max());
        }
    }

    public IReadOnlyList<StoredImage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _images];
        }
    }

    public StoredImage? Find(string imageId)
    {
        lock (_gate)
        {
            return _images.Find(i => i.ImageId == imageId);
        }
    }

    public StoredImage Add(StoredImage image)
    {
        lock (_gate)
        {
            if (_images.Exists(i => i.ImageId == image.ImageId))
            {
                throw new ApiException(400, ErrorCodes.ImageIdDuplicated, $"Image '{image.ImageId}' already exists.");
            }

            if (_images.Exists(i => i.WorkspaceId == image.WorkspaceId && i.Name == image.Name))
            {
                throw new ApiException(400, ErrorCodes.ImageNameDuplicated, $"Image name '{image.Name}' already exists in workspace '{image.WorkspaceId}'.");
            }

            var stored = image with { Sequence = _nextSequence };
            Commit([.. _images, stored], _nextSequence + 1);
            return stored;
        }
    }

    public StoredImage Update(string imageId, Func<StoredImage, StoredImage> change)
    {
        lock (_gate)
        {
            var index = _images.FindIndex(i => i.ImageId == imageId);
            if (index < 0)
            {
                throw ApiException.ImageNotFound(imageId);
            }

            var updated = change(_images[index]);
            var images = _images.ToList();
            images[index] = updated;
            Commit(images, _nextSequence);
            return updated;
        }
    }

    public void Remove(string imageId)
    {
        lock (_gate)
        {
            if (!_images.Exists(i => i.ImageId == imageId))
            {
                throw ApiException.ImageNotFound(imageId);
            }

            Commit(_images.Where(i => i.ImageId != imageId).ToList(), _nextSequence);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Commit([], _nextSequence);
        }
    }

    private void Commit(List<StoredImage> images, long nextSequence)
    {
        _file?.Save(new PersistedState(images, nextSequence));
        _images = images;
        _nextSequence = nextSequence;
    }
}
